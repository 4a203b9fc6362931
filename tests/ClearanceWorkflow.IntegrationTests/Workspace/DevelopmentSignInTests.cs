using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClearanceWorkflow.Api.Security;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Features.Sessions;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using static Microsoft.Playwright.Assertions;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// In Development without an identity provider, the local sign-in page opens a session, and every page says so; it
/// opens one only when the bearer validation accepts a token signed with the local key.
/// </summary>
[NonParallelizable]
public sealed class DevelopmentSignInTests
{
    private TestDatabase database = null!;
    private ApiFactory factory = null!;
    private Browser browser = null!;
    private Uri service = null!;
    private readonly ShiftedClock clock = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var port = WorkspaceTests.FreePort();
        service = new Uri($"http://127.0.0.1:{port}/");
        factory = new ApiFactory(database, services: s => s.UseClock(clock)) { EnvironmentName = "Development" };
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        browser = await Browser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Test]
    public async Task SignIn_AsAdjudicator_OpensTheQueue_AndEveryPageSaysItIsADevelopmentSignIn()
    {
        var page = await browser.NewPageAsync(service);
        await page.GotoAsync("/workspace/queue");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin\\?returnUrl=%2Fworkspace%2Fqueue$"));
        await Expect(page.Locator("#dev-banner")).ToContainTextAsync("Development sign-in");
        await Browser.ScreenshotAsync(page, "signin");
        await Browser.AssertAccessibleAsync(page);

        await page.Locator("#userId").FillAsync("dev-adjudicator");
        await page.Locator("#role-adjudicator").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/queue$"));
        await Expect(page.Locator("#user-id")).ToHaveTextAsync("dev-adjudicator");
        await Expect(page.Locator("#dev-banner")).ToContainTextAsync("Development sign-in");
        await Expect(page.Locator("h2#mine")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/workspace");
        await Expect(page.Locator("#dev-banner")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    /// <summary>A page signed in through the development sign-in as <paramref name="user"/> with <paramref name="role"/>.</summary>
    private async Task<Microsoft.Playwright.IPage> SignedInAsync(string user, string role)
    {
        var page = await browser.NewPageAsync(service);
        await page.GotoAsync("/workspace/signin");
        await page.Locator("#userId").FillAsync(user);
        await page.Locator($"#role-{role}").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#user-id")).ToHaveTextAsync(user);
        return page;
    }

    [Test]
    public async Task Session_IdleLongerThanTheTimeout_AsksToSignInAgain()
    {
        var page = await SignedInAsync("dev-auditor", "auditor");

        clock.Advance(TimeSpan.FromMinutes(31));
        await page.GotoAsync("/workspace/audit");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin\\?returnUrl=%2Fworkspace%2Faudit$"));
    }

    [Test]
    public async Task Session_ActiveThroughout_EndsTwelveHoursAfterTheSignIn()
    {
        var page = await SignedInAsync("dev-officer", "security-officer");

        // A request every 20 minutes keeps the idle timeout (30) from ever running out: 35 of them, 11 h 40 min.
        for (var request = 0; request < 35; request++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            await page.GotoAsync("/workspace/clearances");
            await Expect(page.Locator("#user-id")).ToHaveTextAsync("dev-officer");
        }

        clock.Advance(TimeSpan.FromMinutes(25));
        await page.GotoAsync("/workspace/clearances");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin\\?returnUrl=%2Fworkspace%2Fclearances$"));
    }

    [Test]
    public async Task SignOut_ACopyOfTheCookieTakenBefore_OpensNothingAfterwards()
    {
        var page = await SignedInAsync("dev-senior", "senior-adjudicator");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "clearance-workspace");
        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = service };
        Task<HttpResponseMessage> QueueWithTheCopyAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/workspace/queue");
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            return copy.SendAsync(request);
        }

        using var before = await QueueWithTheCopyAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#user-id")).ToHaveCountAsync(0);
        using var after = await QueueWithTheCopyAsync();

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session lasts");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.Headers.Location?.ToString(), Does.Contain("/workspace/signin"));
        await page.GotoAsync("/workspace/queue");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin\\?returnUrl=%2Fworkspace%2Fqueue$"));
        var audited = await AuditOfAsync("dev-senior");
        Assert.That(audited.Select(e => e.Action), Is.EqualTo(new[] { WorkspaceSessions.SignedIn, WorkspaceSessions.SignedOut }), "the sign-in and the sign-out are audited");
        Assert.That(audited.Select(e => e.CaseId), Is.All.Null);
    }

    [Test]
    public async Task SignIn_AgainInTheSameBrowser_EndsTheSessionItReplaces()
    {
        var page = await SignedInAsync("dev-first", "auditor");
        var first = (await page.Context.CookiesAsync()).Single(c => c.Name == "clearance-workspace");

        await page.GotoAsync("/workspace/signin");
        await page.Locator("#userId").FillAsync("dev-second");
        await page.Locator("#role-auditor").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#user-id")).ToHaveTextAsync("dev-second");

        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = service };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/workspace/queue");
        request.Headers.Add("Cookie", $"{first.Name}={first.Value}");
        using var response = await copy.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the replaced session's cookie opens nothing");
        var ended = (await AuditOfAsync("dev-first")).Last();
        Assert.That(ended.Action, Is.EqualTo(WorkspaceSessions.SignedOut));
        Assert.That(ended.Detail, Does.Contain("signed in again"));
    }

    [Test]
    public async Task Admin_EndsAStaffMembersSessions_InEveryBrowser_AndOnlyTheirs()
    {
        var laptop = await SignedInAsync("dev-departing", "adjudicator");
        var desktop = await SignedInAsync("dev-departing", "adjudicator");
        var colleague = await SignedInAsync("dev-staying", "adjudicator");
        using var admin = factory.ClientFor("dev-admin", "admin");

        var listed = await admin.GetFromJsonAsync<List<WorkspaceSessions.OpenSession>>("/api/v1/sessions?userId=dev-departing");
        Assert.That(listed!.Select(s => s.UserId), Is.EqualTo(new[] { "dev-departing", "dev-departing" }));
        var all = await admin.GetFromJsonAsync<List<WorkspaceSessions.OpenSession>>("/api/v1/sessions");
        Assert.That(all!.Select(s => s.UserId), Does.Contain("dev-staying"));

        using var ended = await admin.PostAsJsonAsync("/api/v1/sessions/end", new { userId = "dev-departing" });
        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ended.Content.ReadFromJsonAsync<WorkspaceSessions.Ended>())!.Sessions, Is.EqualTo(2));

        foreach (var page in new[] { laptop, desktop })
        {
            await page.GotoAsync("/workspace/queue");
            await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin\\?returnUrl=%2Fworkspace%2Fqueue$"));
        }

        await colleague.GotoAsync("/workspace/queue");
        await Expect(colleague.Locator("#user-id")).ToHaveTextAsync("dev-staying");
        Assert.That(await admin.GetFromJsonAsync<List<WorkspaceSessions.OpenSession>>("/api/v1/sessions?userId=dev-departing"), Is.Empty);
        var audited = await AuditOfAsync("dev-admin");
        Assert.That(audited.Select(e => e.Action), Is.EqualTo(new[] { WorkspaceSessions.SignedOut, WorkspaceSessions.SignedOut }), "each ended session is audited under the administrator");
        Assert.That(audited.Select(e => e.Detail), Has.All.Contains("dev-departing"));
        Assert.That(audited.Select(e => e.Detail), Has.All.Contains("ended by an administrator"));

        using var again = await admin.PostAsJsonAsync("/api/v1/sessions/end", new { userId = "dev-departing" });
        Assert.That((await again.Content.ReadFromJsonAsync<WorkspaceSessions.Ended>())!.Sessions, Is.Zero, "nothing is left open");
        using var nobody = await admin.PostAsJsonAsync("/api/v1/sessions/end", new { userId = " " });
        Assert.That(nobody.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var noBody = await admin.PostAsync("/api/v1/sessions/end", null);
        Assert.That(noBody.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var auditor = factory.ClientFor("dev-auditor-3", "auditor");
        using var refused = await auditor.PostAsJsonAsync("/api/v1/sessions/end", new { userId = "dev-staying" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignOutPage_OpenedByALink_SaysTheSessionIsOpen_AndOnlyItsButtonEndsIt()
    {
        var page = await SignedInAsync("dev-linked", "auditor");
        await page.GotoAsync("/workspace/signout");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign out");
        await page.GotoAsync("/workspace/queue");
        await Expect(page.Locator("#user-id")).ToHaveTextAsync("dev-linked");

        await page.GotoAsync("/workspace/signout");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Signed out");
        await Browser.AssertAccessibleAsync(page);
        await page.GotoAsync("/workspace/queue");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin"));
    }

    [Test]
    public async Task Posts_WithAnIdempotencyKeyOrNotAsAForm_AreNeverAServerError()
    {
        var page = await SignedInAsync("dev-poster", "adjudicator");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token!, ["Content-Type"] = "application/json" };

        var json = await page.Context.APIRequest.PostAsync($"/workspace/cases/{Guid.NewGuid()}?handler=Finding", new() { Headers = headers, Data = "{}", MaxRedirects = 0 });
        Assert.That(json.Status, Is.EqualTo(400), "a workspace post that is not a form");

        var form = page.Context.APIRequest.CreateFormData();
        form.Append("__RequestVerificationToken", token!);
        var signOut = await page.Context.APIRequest.PostAsync("/workspace/signout", new()
        {
            Form = form, MaxRedirects = 0, Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "k1" },
        });
        Assert.That(signOut.Status, Is.EqualTo(302), "the API's Idempotency-Key is not the workspace's");
        await page.GotoAsync("/workspace/queue");
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/signin"));
    }

    [Test]
    public async Task CasePosts_WithAFieldMissingOrUnreadable_AreRefusedOnThePage_NeverAServerError()
    {
        using var applicant = factory.ClientFor("dev-forms-applicant", "applicant");
        var id = await new CaseDriver(factory).SubmittedCaseAsync(applicant);
        var page = await SignedInAsync("dev-forms", "adjudicator");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        Microsoft.Playwright.IFormData Form(params (string Key, string Value)[] fields)
        {
            var form = page.Context.APIRequest.CreateFormData();
            form.Append("__RequestVerificationToken", token!);
            foreach (var (key, value) in fields)
            {
                form.Append(key, value);
            }

            return form;
        }

        // A post to a handler the page does not have: 404, not the page shown with nothing done.
        var misspelt = await page.Context.APIRequest.PostAsync($"/workspace/cases/{id}?handler=Actoin&action=claim", new() { Form = Form(("version", "1")), MaxRedirects = 0 });
        Assert.That(misspelt.Status, Is.EqualTo(404), "no handler by that name");

        foreach (var version in new[] { "abc", "99999999999", "" })
        {
            var unreadable = await page.Context.APIRequest.PostAsync($"/workspace/cases/{id}?handler=Action&action=claim", new()
            {
                Form = Form(("workflow", "clearance"), ("workflowVersion", "2"), ("version", version)), MaxRedirects = 0,
            });
            Assert.That(unreadable.Status, Is.EqualTo(400), $"version '{version}'");
            Assert.That(await unreadable.TextAsync(), Does.Contain("The version of the case this page showed"));
        }

        // An action the posted workflow version lacks, or a post naming none: the case's own workflow answers, as through the API.
        using var adjudicator = factory.ClientFor("dev-forms", "adjudicator");
        var viaApi = (int)(await new CaseDriver(factory).ActAsync(adjudicator, id, "grant-interim")).StatusCode;
        Assert.That(viaApi, Is.InRange(400, 499).And.Not.EqualTo(404));
        using var read = await adjudicator.GetAsync($"/api/v1/cases/{id}");
        var caseVersion = read.Headers.ETag!.Tag.Trim('"');
        foreach (var fields in new (string Key, string Value)[][] { [("workflow", "clearance"), ("workflowVersion", "1")], [] })
        {
            var stale = await page.Context.APIRequest.PostAsync($"/workspace/cases/{id}?handler=Action&action=grant-interim", new()
            {
                Form = Form([.. fields, ("version", caseVersion)]), MaxRedirects = 0,
            });
            Assert.That(stale.Status, Is.EqualTo(viaApi), string.Join("&", fields.Select(f => $"{f.Key}={f.Value}")));
        }

        // A value the case's rules refuse is a 400 naming the field, as the API's.
        var workflowVersion = (await new CaseDriver(factory).GetCaseAsync(adjudicator, id)).GetProperty("workflow").GetProperty("version").GetInt32();
        var tooHigh = await page.Context.APIRequest.PostAsync($"/workspace/cases/{id}?handler=Action&action=grant-interim", new()
        {
            Form = Form(("workflow", "clearance"), ("workflowVersion", workflowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("version", caseVersion), ("f.level", "TopSecret"), ("f.rationale", "Nothing of concern so far.")),
            MaxRedirects = 0,
        });
        Assert.That(tooHigh.Status, Is.EqualTo(400));
        var refusal = await tooHigh.TextAsync();
        Assert.That(refusal, Does.Contain("Some of the input was not accepted").And.Contain("must be at or below the requested level"));

        var finding = await page.Context.APIRequest.PostAsync($"/workspace/cases/{id}?handler=Finding", new()
        {
            Form = Form(("f.guideline", "F"), ("f.severity", "Minor"), ("f.summary", "x"), ("f.wholePerson.ageAtConduct", "abc")),
            MaxRedirects = 0,
        });
        Assert.That((finding.Status, finding.Headers["content-type"]), Is.EqualTo((400, "text/html; charset=utf-8")));
        Assert.That(await finding.TextAsync(), Does.Contain("Not a number."));
    }

    [Test]
    public async Task Audit_ForACaseIdThatIsNotOneOrAPageOutOfRange_Is400_NotTheWholeTrail()
    {
        var page = await SignedInAsync("dev-auditor-2", "auditor");
        var response = await page.GotoAsync("/workspace/audit?caseId=abc");
        Assert.That(response!.Status, Is.EqualTo(400));
        await Expect(page.Locator("#error")).ToContainTextAsync("Some of the input was not accepted");
        await Expect(page.Locator("main")).ToContainTextAsync("Not a case id.");

        foreach (var query in new[] { "page=-1", "page=0", "pageSize=0", "pageSize=501" })
        {
            var outOfRange = await page.GotoAsync($"/workspace/audit?{query}");
            Assert.That(outOfRange!.Status, Is.EqualTo(400), query);
            await Expect(page.Locator("#error")).ToContainTextAsync("Some of the input was not accepted");
        }
    }

    private async Task<List<AuditEvent>> AuditOfAsync(string actor)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Actor == actor).OrderBy(e => e.At).ThenBy(e => e.Action).ToListAsync();
    }

    [Test]
    public async Task SignIn_WithoutAStaffRole_IsRefused()
    {
        var page = await browser.NewPageAsync(service);
        await page.GotoAsync("/workspace/signin");
        await page.Locator("#userId").FillAsync("someone");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("at least one staff role");
        await Expect(page.Locator("#user-id")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task SignIn_WhenTheBearerValidationExpectsAnotherKey_IsRefused()
    {
        await using var otherDatabase = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var port = WorkspaceTests.FreePort();
        // The bearer API validates with a key other than the local one the sign-in signs with.
        await using var other = new ApiFactory(otherDatabase, services: s => s.PostConfigure<JwtBearerOptions>(
            BearerAuthentication.SchemeName,
            o => o.TokenValidationParameters.IssuerSigningKeys = [new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "hs256" }]))
        { EnvironmentName = "Development" };
        other.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        other.StartServer();

        var page = await browser.NewPageAsync(new Uri($"http://127.0.0.1:{port}/"));
        await page.GotoAsync("/workspace/signin");
        await page.Locator("#userId").FillAsync("dev-auditor");
        await page.Locator("#role-auditor").CheckAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("refused a token signed with the local key");
        await Expect(page.Locator("#user-id")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(page);
    }
}
