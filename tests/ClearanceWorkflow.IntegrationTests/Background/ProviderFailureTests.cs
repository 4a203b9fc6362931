using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// A faulty provider on a real HTTP server: failing every other call, slower than the per-attempt
/// timeout, throttling with 429 and Retry-After. Each test answers only its own subject's requests
/// specially; every check still ends, once, and the case reaches review by itself.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ProviderFailureTests(DatabaseKind kind) : BackgroundTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => AutomatedChecks(settings, Provider.BaseUrl));

    [SetUp]
    public void AnswerClear() => Provider.Respond = _ => ProviderReply.Clear();

    [Test]
    public async Task Provider_ReferenceLongerThanTheContractAllows_TheCheckEndsUnableAndTheCaseGoesOn()
    {
        var family = Family("Long");
        Provider.Respond = call => call.FamilyName == family && call.Kind == "credit"
            ? new ProviderReply { Reference = new string('R', 201) }
            : ProviderReply.Clear();

        var id = await SubmitAsync(family);

        await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(90));
        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["credit"]), Is.EqualTo("Unable"), "a malformed answer is a failure, not a stuck check");
        Assert.That(checks["credit"].GetProperty("summary").GetString(), Does.Contain("reference"));
        Assert.That(checks.Where(c => c.Key != "credit").Select(c => StatusOf(c.Value)), Is.All.EqualTo("Clear"));
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)), "each result recorded exactly once");
    }

    [Test]
    public async Task Provider_ReferenceWithAControlCharacter_TheCheckEndsUnableAndTheCaseGoesOn()
    {
        var family = Family("Nul");
        Provider.Respond = call => call.FamilyName == family && call.Kind == "credit"
            ? new ProviderReply { Reference = "R\u0000X" }
            : ProviderReply.Clear();

        var id = await SubmitAsync(family);

        await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(90));
        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["credit"]), Is.EqualTo("Unable"), "PostgreSQL refuses a NUL in text: the answer is malformed, not stored");
        Assert.That(checks["credit"].GetProperty("summary").GetString(), Does.Contain("control characters"));
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
    }

    /// <summary>Whatever fails on the last attempt, the check does not stay Running: here the database refuses the answer itself.</summary>
    [Test]
    public async Task Job_LastAttemptFailsToRecordTheAnswer_TheCheckEndsUnableAndTheCaseGoesOn()
    {
        const string Refused = "REFUSED-BY-THE-DATABASE";
        await RawDatabase.ExecuteAsync(Database, Kind switch
        {
            DatabaseKind.Postgres => $"""
                CREATE FUNCTION refuse_reference() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."ProviderReference" = '{Refused}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_reference BEFORE UPDATE ON investigation_checks FOR EACH ROW EXECUTE FUNCTION refuse_reference();
                """,
            DatabaseKind.SqlServer => $"""
                CREATE TRIGGER refuse_reference ON investigation_checks AFTER UPDATE AS
                IF EXISTS (SELECT 1 FROM inserted WHERE ProviderReference = '{Refused}') THROW 50000, 'refused', 1;
                """,
            _ => $"""CREATE TRIGGER refuse_reference BEFORE UPDATE ON investigation_checks WHEN NEW."ProviderReference" = '{Refused}' BEGIN SELECT RAISE(ABORT, 'refused'); END;""",
        });
        try
        {
            var family = Family("Refused");
            Provider.Respond = call => call.FamilyName == family && call.Kind == "credit"
                ? new ProviderReply { Reference = Refused }
                : ProviderReply.Clear();

            var id = await SubmitAsync(family);

            await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(90));
            var checks = await ChecksAsync(id);
            Assert.That(StatusOf(checks["credit"]), Is.EqualTo("Unable"));
            Assert.That(checks["credit"].GetProperty("summary").GetString(), Does.Contain("could not be recorded"));
            Assert.That(checks["credit"].GetProperty("attempts").GetInt32(), Is.EqualTo(3), "every attempt ran: the first run and two retries");
            Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
        }
        finally
        {
            await RawDatabase.ExecuteAsync(Database, Kind == DatabaseKind.Postgres
                ? "DROP TRIGGER refuse_reference ON investigation_checks; DROP FUNCTION refuse_reference();"
                : "DROP TRIGGER refuse_reference;");
        }
    }

    [Test]
    public async Task Provider_FailingEveryOtherCall_EveryCheckEndsAndIsRecordedOnce()
    {
        var family = Family("Half");
        var calls = 0;
        Provider.Respond = call => call.FamilyName != family
            ? ProviderReply.Clear()
            : Interlocked.Increment(ref calls) % 2 == 1 ? ProviderReply.Failure(503) : ProviderReply.Clear();

        var id = await SubmitAsync(family);

        var inReview = await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(60));
        var checks = await ChecksAsync(id);
        Assert.That(checks.Keys, Is.EquivalentTo(Tier3Kinds));
        Assert.That(checks.Values.All(IsTerminal), Is.True, string.Join(", ", checks.Values));
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)), "each result recorded exactly once");
        var made = Provider.CallsFor(id);
        Assert.That(made, Has.Count.GreaterThanOrEqualTo(10), "half of the calls failed, so each check needed at least two");
        Assert.That(made.Select(c => c.IdempotencyKey).Distinct(), Is.EquivalentTo(Tier3Kinds.Select(k => $"{id}:{k}")), "retries reuse the check's Idempotency-Key");
        Assert.That(Visit(inReview, "background-check").GetProperty("actor").GetString(), Is.EqualTo("system"));
    }

    [Test]
    public async Task Provider_SlowerThanTheAttemptTimeout_TimeoutFiresAndTheRetryCompletesTheCheck()
    {
        var family = Family("Slow");
        Provider.Respond = call => call.FamilyName == family && call.KeyAttempt == 1
            ? new ProviderReply { Delay = TimeSpan.FromSeconds(5) }
            : ProviderReply.Clear();

        var id = await SubmitAsync(family);

        await WaitForStageAsync(id, "review");
        var checks = await ChecksAsync(id);
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        foreach (var perKey in Provider.CallsFor(id).GroupBy(c => c.IdempotencyKey))
        {
            var attempts = perKey.OrderBy(c => c.KeyAttempt).ToList();
            Assert.That(attempts, Has.Count.GreaterThanOrEqualTo(2), $"{perKey.Key}: the slow first attempt was given up on");
            var gap = attempts[1].At - attempts[0].At;
            // Given up after the 0.5 s attempt timeout, long before the provider's 5 s answer. The gap is seen at the
            // provider, so the first request's own way there (up to 0.1 s on a loaded machine) comes off the 0.5 s.
            Assert.That(gap, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)).And.LessThan(TimeSpan.FromSeconds(4)), $"{perKey.Key}: retried after {gap}");
        }
    }

    [Test]
    public async Task Provider_Answers429WithRetryAfterThen200_SecondRequestWaitsAndTheCheckIsClear()
    {
        var family = Family("Busy");
        Provider.Respond = call => call.FamilyName == family && call.KeyAttempt == 1
            ? ProviderReply.Failure(429, retryAfter: "1")
            : ProviderReply.Clear();

        var id = await SubmitAsync(family);

        await WaitForStageAsync(id, "review");
        var checks = await ChecksAsync(id);
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        Assert.That(checks.Values.Select(c => c.GetProperty("attempts").GetInt32()), Is.All.EqualTo(1), "the wait happened inside the first run, not through the scheduler's retry");
        foreach (var perKey in Provider.CallsFor(id).GroupBy(c => c.IdempotencyKey))
        {
            var attempts = perKey.OrderBy(c => c.KeyAttempt).ToList();
            Assert.That(attempts, Has.Count.EqualTo(2), perKey.Key);
            Assert.That(attempts[1].At - attempts[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), $"{perKey.Key}: Retry-After: 1 honoured");
        }
    }
}
