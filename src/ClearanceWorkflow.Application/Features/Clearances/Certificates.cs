using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Clearances;

/// <summary>What a certificate prints. The holder's name exists only here and in the PDF.</summary>
public sealed record CertificateContent(
    string HolderName, ClearanceLevel Level, string NatoEquivalent, string EuEquivalent, string GrantingAgency,
    DateOnly GrantedOn, DateOnly IssuedOn, DateOnly ValidUntil, string Code);

/// <summary>Renders a certificate as a PDF document.</summary>
public interface ICertificateRenderer
{
    byte[] Render(CertificateContent content);
}

/// <summary>
/// Verification codes: 160 bits from the CSPRNG, printed as 32 characters of RFC 4648 base32. Only the SHA-256
/// of a code is stored (a code this long needs no key or salt to be unguessable from its hash).
/// </summary>
public static class CertificateCode
{
    public const int Bytes = 20;
    public const int Length = 32;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(Length);
        for (var bit = 0; bit < Bytes * 8; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                var b = bit + i;
                value = (value << 1) | ((bytes[b / 8] >> (7 - (b % 8))) & 1);
            }

            text.Append(Alphabet[value]);
        }

        return text.ToString();
    }

    /// <summary>Whether the text has a code's form (case-insensitive).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(ch => Alphabet.Contains(char.ToUpperInvariant(ch), StringComparison.Ordinal));

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code.ToUpperInvariant())));
}

/// <summary>Issues a certificate with a fresh verification code, audited without personal data.</summary>
public sealed class CertificateIssuer(ClearanceDbContext db, IDataProtector protector, ICertificateRenderer renderer, AuditTrail audit, TimeProvider clock, ActorContext actors)
{
    public async Task<byte[]> IssueAsync(Clearance clearance, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var code = CertificateCode.New();
        var certificate = clearance.IssueCertificate(CertificateCode.Hash(code), actors.Current.Id, now);
        db.ClearanceCertificates.Add(certificate);
        var subject = JsonSerializer.Deserialize<SubjectData>(protector.Unprotect(clearance.PersonalDataCipher), Json.Options)
            ?? throw new InvalidOperationException("the clearance holds no subject data");
        await audit.AppendAsync("certificate.issued", clearance.CaseId, new { clearanceId = clearance.Id, certificateId = certificate.Id }, cancellationToken);
        var pdf = renderer.Render(new CertificateContent(
            $"{subject.GivenName} {subject.FamilyName}", clearance.Level, InternationalEquivalents.Nato(clearance.Level),
            InternationalEquivalents.Eu(clearance.Level), clearance.GrantingAgency, clearance.GrantedOn,
            DateOnly.FromDateTime(now), clearance.ReinvestigationDueOn, code));

        // A withdrawal, suspension or revocation committed since the read would leave a certificate dated after it, which a
        // later re-grant could make valid.
        await db.LockUnchangedAsync(clearance, cancellationToken);
        return pdf;
    }
}

/// <summary>The caller's certificate for their current clearance (404 without one).</summary>
public static class MyCertificate
{
    [AllowRoles(Roles.Applicant)]
    public sealed record Query : ICommand<byte[]>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, CertificateIssuer issuer) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await MyClearance.Handler.CurrentAsync(db.Clearances, actors.Current.Id, cancellationToken);
            return await issuer.IssueAsync(c, cancellationToken);
        }
    }
}

/// <summary>A certificate for any clearance, issued by a security officer.</summary>
public static class IssueCertificate
{
    [AllowRoles(Roles.SecurityOfficer)]
    public sealed record Query(Guid ClearanceId) : ICommand<byte[]>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, CertificateIssuer issuer) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await db.Clearances.FirstOrDefaultAsync(x => x.Id == request.ClearanceId, cancellationToken)
                ?? throw new NotFoundException($"clearance {request.ClearanceId} was not found");
            c.RefuseHolder(actors.Current.Id, "issues a certificate for");

            return await issuer.IssueAsync(c, cancellationToken);
        }
    }
}

/// <summary>
/// The public answer to a verification code: whether the clearance is in force, the level and dates the certificate
/// printed, nothing about the holder. Anyone may ask (the endpoint is rate-limited); each lookup is audited as <c>anonymous</c>.
/// </summary>
public static class VerifyCertificate
{
    public const string Caller = "anonymous";

    public sealed record Answer(bool Valid, ClearanceStatus Status, ClearanceLevel Level, string NatoEquivalent, string EuEquivalent, DateOnly IssuedOn, DateOnly ValidUntil);

    /// <summary>Public: no actor is needed, so no role is checked. Null when no certificate has the code (the lookup is audited all the same).</summary>
    [AuthorizedByHandler]
    public sealed record Query(string Code) : ICommand<Answer?>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.Code).Must(CertificateCode.IsWellFormed)
            .WithMessage($"must be {CertificateCode.Length} characters of base32 (A-Z, 2-7)");
    }

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit) : IRequestHandler<Query, Answer?>
    {
        public async Task<Answer?> Handle(Query request, CancellationToken cancellationToken)
        {
            var hash = CertificateCode.Hash(request.Code);
            var found = await db.ClearanceCertificates.AsNoTracking().FirstOrDefaultAsync(x => x.CodeHash == hash, cancellationToken);
            if (found is null)
            {
                await audit.AppendAsync("certificate.verified", null, new { found = false }, cancellationToken, Caller);
                return null;
            }

            var c = await db.Clearances.AsNoTracking().Include(x => x.History).SingleAsync(x => x.Id == found.ClearanceId, cancellationToken);
            var valid = c.Honours(found);
            await audit.AppendAsync("certificate.verified", c.CaseId, new { found = true, certificateId = found.Id, valid }, cancellationToken, Caller);
            // As printed: an interim certificate must not tell its holder's later level or dates.
            return new Answer(valid, c.Status, found.Level, InternationalEquivalents.Nato(found.Level), InternationalEquivalents.Eu(found.Level),
                DateOnly.FromDateTime(found.IssuedAt), found.ValidUntil);
        }
    }
}
