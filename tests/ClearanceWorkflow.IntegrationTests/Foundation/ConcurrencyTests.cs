using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>Cases carry an optimistic concurrency token: of two writers that read the same version, the second loses.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ConcurrencyTests(DatabaseKind kind) : IntegrationTest(kind)
{
    [Test]
    public async Task SaveChanges_TwoContextsChangeTheSameCase_SecondThrowsDbUpdateConcurrencyException()
    {
        var id = await CreateCaseAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var first = NewContext();
        await using var second = NewContext();
        var a = await first.Cases.SingleAsync(c => c.Id == id);
        var b = await second.Cases.SingleAsync(c => c.Id == id);
        Assert.That(b.Version, Is.EqualTo(a.Version));

        a.UpdateQuestionnaire("questionnaire-one", now);
        b.UpdateQuestionnaire("questionnaire-two", now);
        await first.SaveChangesAsync();
        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = NewContext();
        var stored = await check.Cases.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.That(stored.QuestionnaireCipher, Is.EqualTo("questionnaire-one"), "the first writer's change stands");
        Assert.That(stored.Version, Is.EqualTo(a.Version));
    }

    [Test]
    public async Task SaveChanges_CaseChangedThroughTheApiMeanwhile_ThrowsDbUpdateConcurrencyException()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await new CaseDriver(Factory).ApplyAsync(applicant)).GetProperty("id").GetGuid();
        await using var stale = NewContext();
        var c = await stale.Cases.SingleAsync(x => x.Id == id);

        await new CaseDriver(Factory).FillQuestionnaireAsync(applicant, id);
        c.UpdateQuestionnaire("questionnaire-one", TimeProvider.System.GetUtcNow().UtcDateTime);
        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Test]
    public async Task SaveChanges_ReloadAfterConflict_Succeeds()
    {
        var id = await CreateCaseAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var first = NewContext();
        await using var second = NewContext();
        var a = await first.Cases.SingleAsync(c => c.Id == id);
        var b = await second.Cases.SingleAsync(c => c.Id == id);
        a.UpdateQuestionnaire("questionnaire-one", now);
        await first.SaveChangesAsync();
        b.UpdateQuestionnaire("questionnaire-two", now);
        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var fresh = NewContext();
        var reloaded = await fresh.Cases.SingleAsync(c => c.Id == id);
        reloaded.UpdateQuestionnaire("questionnaire-two", now);
        await fresh.SaveChangesAsync();
        await using var check = NewContext();
        Assert.That((await check.Cases.AsNoTracking().SingleAsync(c => c.Id == id)).QuestionnaireCipher, Is.EqualTo("questionnaire-two"));
    }

    private async Task<Guid> CreateCaseAsync()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        return (await new CaseDriver(Factory).ApplyAsync(applicant)).GetProperty("id").GetGuid();
    }

    private ClearanceDbContext NewContext() => new(DatabaseSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Kind.ToString(),
            ["ConnectionStrings:Clearance"] = Database.ConnectionString,
            ["DataPath"] = Database.Directory,
        })
        .Build()).Options());
}
