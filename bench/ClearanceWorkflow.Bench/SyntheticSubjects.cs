using System.Globalization;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// The seeded population, a pure function of the row number, so the load generator can ask about row i
/// without reading anything back: national id, names, date of birth, and the clearance's level, status
/// and dates spread like a real register's.
/// </summary>
internal static class SyntheticSubjects
{
    private static readonly string[] FamilyNames =
    [
        "Smith", "Müller", "García", "Nguyễn", "Kowalski", "Dvořák", "Ørsted", "Jansen", "Rossi", "Öztürk", "Novák", "Łukasiewicz",
        "Johansson", "Dubois", "Papadopoulos", "O'Brien", "Fernández", "Virtanen", "Horváth", "Šťastný", "Ivanova", "Costa", "Peeters", "Schmidt",
    ];

    private static readonly string[] GivenNames = ["Anna", "Jan", "Maria", "Lukas", "Sofia", "Mateo", "Eva", "Noah", "Zoé", "Mikael", "Ines", "Tomás"];

    private static readonly string[] Countries = ["DE", "FR", "NL", "PL", "CZ", "IT", "ES", "FI", "GB", "US"];

    public static string NationalId(int i) => string.Create(CultureInfo.InvariantCulture, $"BN-{i:D9}");

    public static string FamilyName(int i) => FamilyNames[i % FamilyNames.Length];

    public static string GivenName(int i) => GivenNames[(i / 7) % GivenNames.Length];

    public static string Citizenship(int i) => Countries[(i / 3) % Countries.Length];

    public static DateOnly DateOfBirth(int i) => new DateOnly(1950, 1, 1).AddDays((int)((i * 7919L) % 20_000));

    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"subject{i}@example.org");

    /// <summary>50% Secret, 30% Confidential, 20% TopSecret.</summary>
    public static ClearanceLevel Level(int i) => (i % 10) switch
    {
        < 5 => ClearanceLevel.Secret,
        < 8 => ClearanceLevel.Confidential,
        _ => ClearanceLevel.TopSecret,
    };

    /// <summary>90% Active, 4% Suspended, 3% Revoked, 3% Expired.</summary>
    public static ClearanceStatus Status(int i) => (i % 100) switch
    {
        < 90 => ClearanceStatus.Active,
        < 94 => ClearanceStatus.Suspended,
        < 97 => ClearanceStatus.Revoked,
        _ => ClearanceStatus.Expired,
    };

    /// <summary>5% carry an exception.</summary>
    public static ExceptionType? Exception(int i) => (i % 20) == 3 ? ExceptionType.Condition : null;

    /// <summary>Grants spread over the last ten years, so about 30% of investigations are out of the seven-year scope.</summary>
    public static DateOnly GrantedOn(int i, DateOnly today) => today.AddDays(-(int)((i * 37L) % 3650));

    public static DateOnly InvestigationClosedOn(int i, DateOnly today) => GrantedOn(i, today).AddDays(-(i % 45));

    public static int ReinvestigationYears(ClearanceLevel level) => level switch
    {
        ClearanceLevel.TopSecret => 5,
        ClearanceLevel.Secret => 10,
        _ => 15,
    };
}
