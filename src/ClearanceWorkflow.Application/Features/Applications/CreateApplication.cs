using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Applications;

/// <summary>An applicant opens a case in stage <c>application</c>, on the active workflow version.</summary>
public static class CreateApplication
{
    public sealed record SubjectInput(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? Citizenship, string? NationalId, string? Email);

    [AllowRoles(Roles.Applicant)]
    public sealed record Command(ClearanceLevel? RequestedLevel, string? Sponsor, SubjectInput? Subject) : ICommand<CaseDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.RequestedLevel).NotNull().IsInEnum();
            RuleFor(x => x.Sponsor).NotEmpty().MaximumLength(200).NoControlCharacters();
            RuleFor(x => x.Subject).NotNull();
            When(x => x.Subject is not null, () =>
            {
                RuleFor(x => x.Subject!.GivenName).NotEmpty().MaximumLength(100).NoControlCharacters().WellFormedText();
                RuleFor(x => x.Subject!.FamilyName).NotEmpty().MaximumLength(100).NoControlCharacters().WellFormedText();
                RuleFor(x => x.Subject!.DateOfBirth).NotNull().PlausibleDateOfBirth(clock);
                RuleFor(x => x.Subject!.Citizenship).NotEmpty().Must(CountryCodes.IsAlpha2)
                    .WithMessage("must be an ISO 3166-1 alpha-2 country code");
                RuleFor(x => x.Subject!.NationalId).NationalId(); // as a partner's query takes it
                RuleFor(x => x.Subject!.Email).NotEmpty().MaximumLength(254).NoControlCharacters().EmailAddress();
            });
        }
    }

    public sealed class Handler(ActorContext actors, TimeProvider clock, IDataProtector protector, IBlindIndex blindIndex, CaseOpening opening, CaseAccess access)
        : IRequestHandler<Command, CaseDto>
    {
        public async Task<CaseDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var now = clock.Now();
            var subject = request.Subject!;
            var data = new SubjectData(
                subject.GivenName!.Trim(), subject.FamilyName!.Trim(), subject.DateOfBirth!.Value,
                subject.Citizenship!.ToUpperInvariant(), NationalIds.Normalize(subject.NationalId!), subject.Email!.Trim());
            var c = await opening.OpenAsync(
                CaseType.Initial,
                request.RequestedLevel!.Value,
                request.Sponsor!.Trim(),
                actor.Id,
                protector.Protect(JsonSerializer.Serialize(data, Json.Options)),
                blindIndex.Compute(NationalIds.Purpose, data.NationalId),
                actor.Id,
                now,
                cancellationToken);
            return await access.ViewAsync(c, actor, cancellationToken);
        }
    }
}

public static class NationalIds
{
    public const string Purpose = "national-id";

    /// <summary>Identifiers compare without case, spaces, dots, slashes or hyphens.</summary>
    public static string Normalize(string value) =>
        new([.. value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>
    /// A national identifier as written on documents, in an application and in a partner's query alike: letters and
    /// digits, with the spaces, dots, slashes and hyphens that group them.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> NationalId<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9 ./-]+\\z").WithMessage("may hold letters, digits, spaces, dots, slashes and hyphens only")
            .Must(v => v is null || Normalize(v).Length > 0).WithMessage("must hold at least one letter or digit");
}

public static class CountryCodes
{
    private static readonly HashSet<string> Alpha2 = [.. """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
        GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
        JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
        MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
        RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
        TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    public static bool IsAlpha2(string? code) => code is not null && Alpha2.Contains(code.ToUpperInvariant());
}
