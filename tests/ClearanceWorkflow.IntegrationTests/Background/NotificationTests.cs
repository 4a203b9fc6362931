using System.Security.Cryptography;
using System.Text;
using ClearanceWorkflow.Application.Features.Notifications;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The notification outbox delivered to a real webhook on 127.0.0.1: signed with HMAC-SHA256 over the
/// exact body, retried, a poison message ends dead without holding up the rest, and no payload carries
/// the subject's personal data. The business clock runs with the wall clock, shifted forward where a
/// test needs time to pass (the scheduler reads the same clock).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class NotificationTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const string Secret = "webhook-secret-for-tests";

    private readonly ShiftedClock _clock = new();
#pragma warning disable NUnit1032 // Started with the service in CreateFactory (OneTimeSetUp) and stopped in OneTimeTearDown.
    private FakeWebhook _webhook = null!;
#pragma warning restore NUnit1032

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        _webhook = FakeWebhook.Start();
        return new ApiFactory(database, settings =>
        {
            ShortIntervals(settings);
            settings["Notifications:WebhookUrl"] = _webhook.Url.ToString();
            settings["Notifications:WebhookSecret"] = Secret;
            settings["Notifications:MaxAttempts"] = "3";
            settings["Notifications:Timeout"] = "00:00:02";
            settings["Metrics:GaugeInterval"] = "00:00:00";
        }, services => services.UseClock(_clock));
    }

    [OneTimeTearDown]
    public Task StopWebhookAsync() => _webhook.DisposeAsync().AsTask();

    [SetUp]
    public void Accept()
    {
        _webhook.Respond = _ => 200;
        _webhook.Delay = _ => TimeSpan.Zero;
    }

    [Test]
    public async Task RedriveAll_MoreDeadThanOneCallTakes_OldestFirstInBatchesUntilNoneRemain()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var seeded = await InDatabaseAsync(async db =>
        {
            var messages = Enumerable.Range(0, RedriveNotifications.MaxPerCall + 1).Select(i =>
            {
                var message = new OutboxMessage("test.batch", "{}", now);
                message.Failed("webhook gone", now.AddSeconds(i), maxAttempts: 1, TimeSpan.FromSeconds(1));
                return message;
            }).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });
        var deadBefore = await InDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.DeliveredAt == null && m.DeadAt != null));
        using var admin = Factory.ClientFor(NewUser("admin"), "admin");

        var first = await ReadJsonAsync(await admin.PostAsync("/api/v1/notifications/dead/redrive", null));
        var newest = seeded[^1];
        var newestStillDead = await InDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == newest && m.DeadAt != null));
        var rest = await ReadJsonAsync(await admin.PostAsync("/api/v1/notifications/dead/redrive", null));

        Assert.That(first.GetProperty("redriven").GetInt32(), Is.EqualTo(RedriveNotifications.MaxPerCall));
        Assert.That(first.GetProperty("remaining").GetInt32(), Is.EqualTo(deadBefore - RedriveNotifications.MaxPerCall));
        Assert.That(newestStillDead, Is.True, "the oldest go first");
        Assert.That(rest.GetProperty("redriven").GetInt32(), Is.EqualTo(deadBefore - RedriveNotifications.MaxPerCall));
        Assert.That(rest.GetProperty("remaining").GetInt32(), Is.Zero);
    }

    /// <summary>Queues a notification the way the service does, in a transaction of its own.</summary>
    private Task<Guid> EnqueueAsync(string type, object payload) =>
        InDatabaseAsync(async db =>
        {
            var message = new OutboxMessage(type, System.Text.Json.JsonSerializer.Serialize(payload, JsonOptions), _clock.GetUtcNow().UtcDateTime);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    /// <summary>A message that ended dead against a webhook answering it 503; <c>BackUp</c> has the webhook accept it again.</summary>
    private async Task<(Guid Id, Action BackUp)> DeadAsync(string type, object payload)
    {
        var id = Guid.Empty;
        var down = true;
        _webhook.Respond = call => call.DeliveryId == id.ToString() && Volatile.Read(ref down) ? 503 : 200;
        id = await EnqueueAsync(type, payload);
        await Eventually.Until(() => RowAsync(id), m => m.DeadAt is not null, "the message to end dead");
        return (id, () => Volatile.Write(ref down, false));
    }

    private Task<OutboxMessage> RowAsync(Guid id) =>
        InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<OutboxMessage> DeliveredAsync(Guid id) =>
        Eventually.Until(() => RowAsync(id), m => m.DeliveredAt is not null, $"notification {id} to be delivered");

    private static string Hmac(byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    [Test]
    public async Task Dispatch_WebhookAccepts_BodySignedWithHmacAndRowMarkedDelivered()
    {
        var id = await EnqueueAsync("test.signed", new { reference = "CW-TEST-000001", n = 1 });

        var row = await DeliveredAsync(id);

        var call = _webhook.CallsFor(id).Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Signature, Is.EqualTo(Hmac(call.BodyBytes)), "X-Signature-SHA256 is the hex HMAC-SHA256 of the exact body");
            Assert.That(call.EventType, Is.EqualTo("test.signed"));
            Assert.That(call.ContentType, Does.StartWith("application/json"));
            Assert.That(call.Json.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(call.Json.GetProperty("type").GetString(), Is.EqualTo("test.signed"));
            Assert.That(call.Json.GetProperty("data").GetProperty("reference").GetString(), Is.EqualTo("CW-TEST-000001"));
            Assert.That(row.Attempts, Is.EqualTo(1));
            Assert.That(row.DeadAt, Is.Null);
            Assert.That(row.LastError, Is.Null);
        });
        Assert.That(Hmac(Encoding.UTF8.GetBytes(call.Body + " ")), Is.Not.EqualTo(call.Signature), "the signature covers the body byte for byte");
    }

    [Test]
    public async Task Dispatch_TwoRunsOverlapping_AsWhenTheJobsLockLapses_PostEachMessageOnce()
    {
        // Hangfire.PostgreSql drops a job lock older than its DistributedLockTimeout, so a long run can be joined by another.
        _webhook.Delay = _ => TimeSpan.FromMilliseconds(150);
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await EnqueueAsync("test.overlap", new { n = i }));
        }

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OutboxDispatchJob>(Factory.Services).RunAsync(CancellationToken.None)));
        await Eventually.Until(
            () => InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().CountAsync(m => ids.Contains(m.Id) && m.DeliveredAt != null)),
            n => n == ids.Count, "every message delivered");

        Assert.That(ids.Select(id => _webhook.CallsFor(id).Count), Is.All.EqualTo(1));
    }

    [Test]
    public async Task Dispatch_WebhookFailsTwiceThenAccepts_DeliveredOnTheThirdAttempt()
    {
        var id = Guid.Empty;
        _webhook.Respond = call => call.DeliveryId == id.ToString() && call.Attempt <= 2 ? 503 : 200;
        id = await EnqueueAsync("test.retried", new { n = 2 });

        var row = await DeliveredAsync(id);

        Assert.That(row.Attempts, Is.EqualTo(3));
        Assert.That(row.DeadAt, Is.Null);
        var calls = _webhook.CallsFor(id);
        Assert.That(calls, Has.Count.EqualTo(3));
        Assert.That(calls.Select(c => c.Body).Distinct().Count(), Is.EqualTo(1), "every attempt sends the same signed body");
    }

    [Test]
    public async Task Dispatch_WebhookSlowerThanTheTimeout_AttemptGivenUpAndTheRetryDelivers()
    {
        var id = Guid.Empty;
        _webhook.Delay = call => call.DeliveryId == id.ToString() && call.Attempt == 1 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero;
        id = await EnqueueAsync("test.slow", new { n = 4 });

        var row = await DeliveredAsync(id);

        Assert.That(row.Attempts, Is.EqualTo(2), "the first attempt was given up after Notifications:Timeout (2 s), not answered after 30 s");
        Assert.That(_webhook.CallsFor(id), Has.Count.EqualTo(2));
        Assert.That(Factory.Logs.Lines, Has.Some.Contain(id.ToString()).And.Contain("the webhook timed out"));
    }

    [Test]
    public async Task Dispatch_PoisonMessage_EndsDeadWhileLaterMessagesAreDelivered()
    {
        var poison = Guid.Empty;
        _webhook.Respond = call => call.DeliveryId == poison.ToString() ? 500 : 200;
        poison = await EnqueueAsync("test.poison", new { n = 3 });
        var later = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            later.Add(await EnqueueAsync("test.after-poison", new { n = 4 + i }));
        }

        foreach (var id in later)
        {
            await DeliveredAsync(id);
        }

        var dead = await Eventually.Until(() => RowAsync(poison), m => m.DeadAt is not null, "the poison message to end dead");
        Assert.That(dead.DeliveredAt, Is.Null);
        Assert.That(dead.Attempts, Is.EqualTo(3), "Notifications:MaxAttempts");
        Assert.That(dead.LastError, Does.Contain("500"));

        // Dead is final: the dispatcher keeps delivering, and never tries the poison message again.
        var afterDeath = await EnqueueAsync("test.after-dead", new { n = 9 });
        await DeliveredAsync(afterDeath);
        Assert.That(_webhook.CallsFor(poison), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Redrive_DeadNotification_AnAdministratorSendsItAgainOnceTheWebhookIsBack()
    {
        var (id, backUp) = await DeadAsync("test.redriven", new { n = 10 });

        using var admin = Factory.ClientFor(NewUser("admin"), "admin");
        var listed = await ReadJsonAsync(await admin.GetAsync("/api/v1/notifications/dead?pageSize=500"));
        var entry = listed.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("type").GetString(), Is.EqualTo("test.redriven"));
            Assert.That(entry.GetProperty("attempts").GetInt32(), Is.EqualTo(3));
            Assert.That(entry.GetProperty("lastError").GetString(), Does.Contain("503"));
            Assert.That(entry.TryGetProperty("payload", out _), Is.False, "the list carries no payload");
        });

        backUp();
        using var redriven = await admin.PostAsync($"/api/v1/notifications/{id}/redrive", null);
        Assert.That((int)redriven.StatusCode, Is.EqualTo(200), await redriven.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(redriven)).GetProperty("redriven").GetInt32(), Is.EqualTo(1));

        var row = await DeliveredAsync(id);
        var audited = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "notification.redriven" && e.Detail.Contains(id.ToString())).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(row.Attempts, Is.EqualTo(1), "a redriven message starts its attempts again");
            Assert.That(row.DeadAt, Is.Null);
            Assert.That(_webhook.CallsFor(id), Has.Count.EqualTo(4));
            Assert.That(audited, Has.Count.EqualTo(1));
            Assert.That(audited[0].Actor, Does.StartWith("admin-"));
        });

        using var again = await admin.PostAsync($"/api/v1/notifications/{id}/redrive", null);
        Assert.That((int)again.StatusCode, Is.EqualTo(409), "a delivered message is not redriven");
        using var unknown = await admin.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/redrive", null);
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Redrive_TheSameDeadNotificationAtOnce_OneRedriveWins_AuditedOnce()
    {
        var (id, backUp) = await DeadAsync("test.raced", new { n = 30 });
        backUp();

        using var admin = Factory.ClientFor(NewUser("admin"), "admin");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await admin.PostAsync($"/api/v1/notifications/{id}/redrive", null);
            return (int)response.StatusCode;
        }));

        var audited = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == "notification.redriven" && e.Detail.Contains(id.ToString())));
        Assert.Multiple(() =>
        {
            Assert.That(answers.Count(a => a == 200), Is.EqualTo(1), string.Join(", ", answers));
            Assert.That(answers.Where(a => a != 200), Is.All.EqualTo(409));
            Assert.That(audited, Is.EqualTo(1), "one redrive, one audit event");
        });
    }

    [Test]
    public async Task Redrive_EveryDeadNotification_AfterAnOutage_AllDeliveredAndEachAudited()
    {
        var ids = new List<Guid>();
        var down = true;
        _webhook.Respond = call => call.EventType == "test.outage" && Volatile.Read(ref down) ? 502 : 200;
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await EnqueueAsync("test.outage", new { n = 20 + i }));
        }

        await Eventually.Until(
            () => InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().CountAsync(m => ids.Contains(m.Id) && m.DeadAt != null)),
            n => n == ids.Count, "every message of the outage to end dead");

        // The gauge an operator alerts on.
        using var anonymous = Factory.CreateClient();
        var dead = PrometheusScrape.Value(PrometheusScrape.Samples(await PrometheusScrape.ScrapeAsync(anonymous)), "clearance_notifications", "state=\"dead\"");
        Assert.That(dead, Is.GreaterThanOrEqualTo(ids.Count));

        Volatile.Write(ref down, false);
        using var admin = Factory.ClientFor(NewUser("admin"), "admin");
        using var redriven = await admin.PostAsync("/api/v1/notifications/dead/redrive", null);
        Assert.That((int)redriven.StatusCode, Is.EqualTo(200), await redriven.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(redriven)).GetProperty("redriven").GetInt32(), Is.GreaterThanOrEqualTo(ids.Count));

        foreach (var id in ids)
        {
            await DeliveredAsync(id);
        }

        var audited = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "notification.redriven").Select(e => e.Detail).ToListAsync());
        Assert.That(ids.Select(id => audited.Count(d => d.Contains(id.ToString(), StringComparison.Ordinal))), Is.All.EqualTo(1));
        var listed = await ReadJsonAsync(await admin.GetAsync("/api/v1/notifications/dead?pageSize=500"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Intersect(ids), Is.Empty, "none is dead any more");
        var deadAfter = PrometheusScrape.Value(PrometheusScrape.Samples(await PrometheusScrape.ScrapeAsync(anonymous)), "clearance_notifications", "state=\"dead\"");
        Assert.That(deadAfter, Is.LessThanOrEqualTo(dead - ids.Count), "the dead gauge falls by what was redriven");
    }

    [Test]
    public async Task Notifications_FromTheServicesOwnEvents_CarryNoPersonalData()
    {
        const string given = "Jane";
        var family = Family("Private");
        const string nationalId = "NI-PRIVATE-9137";
        const string email = "private.person@example.org";
        const string birth = "1977-07-17";
        using var alice = NewApplicant(out var aliceId);
        var subject = CaseDriver.Subject(family, nationalId, email, birth);

        // case.overdue: an application left past its 30-day SLA.
        var overdueCase = IdOf(await Driver.ApplyAsync(alice, subject: subject));
        // The clearance notifications: a granted clearance taken past its reminders, due date and grace period.
        var granted = IdOf(await Driver.ApplyAsync(alice, subject: subject));
        await Driver.FillQuestionnaireAsync(alice, granted, CaseDriver.Questionnaire(6));
        await Driver.ActOkAsync(alice, granted, "submit", new { attestation = true });
        await Driver.CompleteChecksAsync(Investigator, granted);
        await Driver.ActOkAsync(Adjudicator, granted, "claim");
        await Driver.ActOkAsync(Adjudicator, granted, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, granted, "grant", CaseDriver.GrantBody());

        _clock.Advance(TimeSpan.FromDays(31));
        var enteredAt = await InDatabaseAsync(db => db.Cases.Where(c => c.Id == overdueCase).Select(c => c.StageEnteredAt).SingleAsync());
        Assert.That(await AsSystemAsync(new SlaBreach.Command(overdueCase, "application", enteredAt)), Is.True);
        foreach (var days in new[] { 3650 - 180, 180 - 90, 90 - 30, 30, 91 })
        {
            _clock.Advance(TimeSpan.FromDays(days));
            await AsSystemAsync(new ReinvestigationSweep.Run());
        }

        Factory.JobClient().Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
        var messages = await Eventually.Until(
            () => InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => !m.Type.StartsWith("test.")).ToListAsync()),
            all => all.Count > 0 && all.All(m => m.DeliveredAt is not null),
            "every notification to be delivered");
        var ours = messages.Where(m => m.Payload.Contains(overdueCase.ToString(), StringComparison.Ordinal)
                                       || m.Payload.Contains(granted.ToString(), StringComparison.Ordinal)
                                       || m.Payload.Contains(aliceId, StringComparison.Ordinal)).ToList();
        Assert.That(ours.Select(m => m.Type).Distinct(), Is.SupersetOf(new[]
        {
            "case.overdue", "clearance.reinvestigation-due", "case.reinvestigation-opened", "clearance.reinvestigation-overdue", "clearance.expired",
        }));
        var delivered = _webhook.Calls.Where(c => ours.Any(m => m.Id.ToString() == c.DeliveryId)).ToList();
        Assert.That(delivered.Select(c => c.DeliveryId).Distinct().Count(), Is.EqualTo(ours.Count));
        foreach (var text in ours.Select(m => m.Payload).Concat(delivered.Select(c => c.Body)))
        {
            Assert.That(text, Does.Not.Contain(family).And.Not.Contain(nationalId).And.Not.Contain("NIPRIVATE9137").And.Not.Contain(email).And.Not.Contain(birth).And.Not.Contain($"\"{given}\""), text);
        }
    }
}
