using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Base of the lifecycle fixtures: the service on one database, a <see cref="CaseDriver"/>, and one
/// investigator and one adjudicator shared by the fixture's tests. Tests that need their own staff
/// make them with <see cref="Staff"/>.
/// </summary>
public abstract class LifecycleTest(DatabaseKind kind) : IntegrationTest(kind)
{
    public const string ApplicantRole = "applicant";
    public const string InvestigatorRole = "investigator";
    public const string AdjudicatorRole = "adjudicator";
    public const string SeniorRole = "senior-adjudicator";
    public const string AuditorRole = "auditor";

    protected CaseDriver Driver { get; private set; } = null!;

    protected HttpClient Investigator { get; private set; } = null!;

    protected string AdjudicatorId { get; private set; } = null!;

    protected HttpClient Adjudicator { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateStaff()
    {
        Driver = new CaseDriver(Factory);
        Investigator = Factory.ClientFor(NewUser("ivan"), InvestigatorRole);
        AdjudicatorId = NewUser("adam");
        Adjudicator = Factory.ClientFor(AdjudicatorId, AdjudicatorRole);
    }

    [OneTimeTearDown]
    public void DisposeStaff()
    {
        Investigator?.Dispose();
        Adjudicator?.Dispose();
    }

    /// <summary>A client for a new user with the roles given; <paramref name="id"/> is its <c>sub</c>.</summary>
    protected HttpClient Staff(string prefix, out string id, params string[] roles)
    {
        id = NewUser(prefix);
        return Factory.ClientFor(id, roles);
    }

    /// <summary>A client for a new applicant; <paramref name="id"/> is its <c>sub</c>.</summary>
    protected HttpClient NewApplicant(out string id) => Staff("alice", out id, ApplicantRole);

    protected HttpClient NewApplicant() => NewApplicant(out _);

    protected static string Stage(JsonElement c) => c.GetProperty("stage").GetString()!;

    protected static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    protected static string[] Actions(JsonElement c) => CaseDriver.Strings(c.GetProperty("availableActions"));

    protected static Guid IdOf(JsonElement c) => c.GetProperty("id").GetGuid();
}
