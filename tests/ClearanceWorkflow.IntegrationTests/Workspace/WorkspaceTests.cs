using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClearanceWorkflow.Api.Workspace.Pages;
using ClearanceWorkflow.Application.Features.Sessions;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// The staff workspace in a real browser (Chromium through Playwright) against the service on Kestrel, signed in
/// through a real OpenID provider (oidc-provider on loopback). Cases are opened and answered by applicants through the API.
/// </summary>
[NonParallelizable]
public sealed class WorkspaceTests
{
    private const string Adjudicator = "adj-ws-1";
    private const string Senior = "senior-ws-1";
    private const string Auditor = "auditor-ws-1";
    private const string Applicant = "app-ws-only";
    private const string Officer = "officer-ws-1";
    private const string Admin = "admin-ws-1";
    private const string BoardMember1 = "senior-ws-board-1";
    private const string BoardMember2 = "senior-ws-board-2";

    private TestDatabase database = null!;
    private IdentityProvider identityProvider = null!;
    private ApiFactory factory = null!;
    private Browser browser = null!;
    private Uri service = null!;
    private readonly CaseDriver driver = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var port = FreePort();
        service = new Uri($"http://127.0.0.1:{port}/");
        identityProvider = await IdentityProvider.StartAsync(service, new Dictionary<string, string[]>
        {
            [Adjudicator] = ["adjudicator"],
            [Senior] = ["senior-adjudicator"],
            [Auditor] = ["auditor"],
            [Applicant] = ["applicant"],
            [Officer] = ["security-officer"],
            [Admin] = ["admin"],
            [BoardMember1] = ["senior-adjudicator"],
            [BoardMember2] = ["senior-adjudicator"],
        });
        factory = new ApiFactory(database, s =>
        {
            s["Auth:Authority"] = identityProvider.Issuer.ToString().TrimEnd('/');
            s["Workspace:ClientId"] = IdentityProvider.ClientId;
            // Granted clearances are enrolled in continuous vetting (its first run is days away: nothing runs here).
            s["Vetting:Enabled"] = "true";
        });
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

        if (identityProvider is not null)
        {
            await identityProvider.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Test]
    public async Task WholePath_ClaimFindRequestInterviewGrant_ThenDenyConcur_ThenAuditorVerifiesLedger()
    {
        using var applicant = Client("app-ws-1", "applicant");
        using var otherApplicant = Client("app-ws-2", "applicant");
        using var investigator = Client("inv-ws-1", "investigator");
        using var adjudicatorApi = Client(Adjudicator, "adjudicator");
        using var auditorApi = Client(Auditor, "auditor");

        var granted = await driver.SubmittedCaseAsync(applicant);
        await driver.CompleteChecksAsync(investigator, granted);
        var reference = (await driver.GetCaseAsync(applicant, granted)).GetProperty("reference").GetString()!;

        // The adjudicator signs in at the identity provider, finds the case in the unassigned queue and claims it.
        var page = await SignInAsync(Adjudicator);
        await page.GotoAsync("/workspace/queue");
        var unassigned = page.Locator("table[aria-labelledby=unassigned]");
        await Expect(unassigned).ToContainTextAsync(reference);
        await Browser.ScreenshotAsync(page, "queue");
        await Browser.AssertAccessibleAsync(page);
        await unassigned.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/workspace/cases/{granted}$"));
        await Expect(page).ToHaveTitleAsync($"Case {reference} · Clearance workspace");
        await Expect(page.Locator("#finding-form")).ToHaveCountAsync(0);
        await Act(page, "claim");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Done: Claim");
        await Expect(page.Locator("#assignee")).ToHaveTextAsync(Adjudicator);

        // A finding, then questions for the applicant.
        await page.Locator("#finding-guideline").SelectOptionAsync("F");
        await page.Locator("#finding-severity").SelectOptionAsync("Minor");
        await page.Locator("#finding-summary").FillAsync("Late payments in 2019, since repaid.");
        await page.Locator("#finding-mitigated").CheckAsync();
        await page.Locator("#finding-mitigation").FillAsync("Debt cleared and budget counselling attended.");
        await page.Locator("#finding-wholePerson-recency").SelectOptionAsync("OverFiveYears");
        await page.Locator("#finding-wholePerson-frequency").SelectOptionAsync("Occasional");
        await page.Locator("#finding-wholePerson-ageAtConduct").FillAsync("24");
        await page.Locator("#finding-wholePerson-rehabilitation").SelectOptionAsync("Substantial");
        await page.Locator("#finding-wholePerson-recurrenceLikelihood").SelectOptionAsync("Low");
        await page.Locator("#finding-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Finding recorded.");
        await Expect(page.Locator("main")).ToContainTextAsync("Late payments in 2019, since repaid.");
        await Expect(page.Locator("main")).ToContainTextAsync("recency OverFiveYears, frequency Occasional, age at the time 24, rehabilitation Substantial, recurrence Low");

        await page.Locator("#request-information-questions").FillAsync("Which debts are still open?\nWho can confirm the repayment?");
        await Act(page, "request-information");
        await Expect(page.Locator("#status")).ToHaveTextAsync("AwaitingApplicant");

        // The applicant answers through the API; the page shows the answers.
        await driver.ActOkAsync(applicant, granted, "provide-information", new { answers = new[] { "None.", "My bank, by letter." } });
        await page.ReloadAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Answer: My bank, by letter.");
        await Expect(page.Locator("#status")).ToHaveTextAsync("InProgress");

        var interviewAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await page.Locator("#schedule-interview-scheduledAt").FillAsync(interviewAt);
        await page.Locator("#schedule-interview-location").FillAsync("Room 4, North building");
        await Act(page, "schedule-interview");
        await Expect(page.Locator("#stage")).ToHaveTextAsync("interview");

        await page.Locator("#complete-interview-summary").FillAsync("Candid about the debts; nothing else of concern.");
        await Act(page, "complete-interview");
        await Expect(page.Locator("#stage")).ToHaveTextAsync("decision");
        await Browser.ScreenshotAsync(page, "case");
        await Browser.AssertAccessibleAsync(page);

        await page.Locator("#grant-level").SelectOptionAsync("Secret");
        await page.Locator("#grant-rationale").FillAsync("Mitigated financial concern; the whole person favours eligibility.");
        await Act(page, "grant");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Granted");
        await Expect(page.Locator("#finding-form")).ToHaveCountAsync(0);
        Assert.That((await driver.GetCaseAsync(applicant, granted)).GetProperty("status").GetString(), Is.EqualTo("Granted"));

        // The adjudicator opens the clearance the grant issued, as the API lets them, and may report an incident on it.
        var clearanceId = (await driver.GetJsonAsync(applicant, "/api/v1/me/clearance")).GetProperty("id").GetString();
        await page.GotoAsync($"/workspace/clearances/{clearanceId}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#exception")).ToHaveTextAsync("None");
        await Expect(page.Locator("#incident-form")).ToHaveCountAsync(1);

        // Another case: the adjudicator denies it, a senior adjudicator concurs.
        var denied = await driver.CaseInDecisionAsync(otherApplicant, investigator, adjudicatorApi);
        await driver.RecordFindingOkAsync(adjudicatorApi, denied, "E", "Minor");
        await page.GotoAsync($"/workspace/cases/{denied}");
        await page.Locator("#deny-rationale").FillAsync("Unmitigated personal conduct concern.");
        await Act(page, "deny");
        await Expect(page.Locator("#status")).ToHaveTextAsync("DenialPendingConcurrence");
        Assert.That(await page.Locator("form[data-action=concur]").CountAsync(), Is.Zero, "the adjudicator who denied cannot concur");
        await Expect(page.Locator("#finding-form")).ToHaveCountAsync(0);

        var senior = await SignInAsync(Senior);
        await senior.GotoAsync("/workspace/queue");
        await senior.Locator("table[aria-labelledby=team] a", new() { HasText = (await driver.GetCaseAsync(otherApplicant, denied)).GetProperty("reference").GetString()! }).ClickAsync();
        await Expect(senior.Locator("#decision-rationale")).ToHaveTextAsync("Unmitigated personal conduct concern.");
        await Act(senior, "concur");
        // Workflow version 2: the concurred denial goes to due process, the applicant's answer awaited.
        await Expect(senior.Locator("#stage")).ToHaveTextAsync("due-process");
        await Expect(senior.Locator("#status")).ToHaveTextAsync("AwaitingAnswer");

        // The auditor keeps the signed digest, then verifies the ledger against it; the views of the cases are in the trail.
        await factory.AllSealedAsync();
        var digest = await driver.GetJsonAsync(auditorApi, "/api/v1/audit/digest");
        var auditor = await SignInAsync(Auditor);
        await auditor.GotoAsync("/workspace/audit");
        await auditor.Locator("#digest").FillAsync(digest.GetRawText());
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Verify against the saved digest" }).ClickAsync();
        await Expect(auditor.Locator("#verification")).ToContainTextAsync("Verified.");
        await Expect(auditor.Locator("#verification")).ToHaveClassAsync(new Regex("ok"));
        await Browser.ScreenshotAsync(auditor, "audit");
        await Browser.AssertAccessibleAsync(auditor);

        var tampered = JsonSerializer.Serialize(new Dictionary<string, object?>(
            JsonSerializer.Deserialize<Dictionary<string, object?>>(digest.GetRawText())!) { ["root"] = new string('0', 64) });
        await auditor.Locator("#digest").FillAsync(tampered);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Verify against the saved digest" }).ClickAsync();
        await Expect(auditor.Locator("#verification, #error")).ToContainTextAsync(new Regex("Verification failed|not accepted"));

        await auditor.GotoAsync($"/workspace/clearances/{clearanceId}");
        await Expect(auditor.Locator("#status")).ToHaveTextAsync("Active");
        await Expect(auditor.Locator("#incident-form")).ToHaveCountAsync(0, new() { Timeout = 2000 });

        await auditor.GotoAsync($"/workspace/audit?caseId={granted}");
        var trail = auditor.Locator("table[aria-labelledby=trail]");
        await Expect(trail).ToContainTextAsync("case.viewed");
        await Expect(trail.Locator("tr", new() { HasText = "case.viewed" }).First).ToContainTextAsync(Adjudicator);
        await Expect(trail).ToContainTextAsync("case.grant");
    }

    [Test]
    public async Task Pages_SendStrictCspAndNoStore_AndPostsWithoutAntiforgeryAreRefused()
    {
        var page = await SignInAsync(Adjudicator);
        var response = await page.GotoAsync("/workspace/queue");
        var headers = await response!.AllHeadersAsync();
        Assert.That(headers["content-security-policy"], Does.StartWith("default-src 'none'; style-src 'self'"));
        Assert.That(headers["content-security-policy"], Does.Not.Contain("unsafe"));
        Assert.That(headers["cache-control"], Is.EqualTo("no-store"));

        // The session cookie alone does not make a post: Razor Pages ask for the antiforgery token.
        var post = await page.Context.APIRequest.PostAsync("/workspace/signout", new() { Form = page.Context.APIRequest.CreateFormData() });
        Assert.That(post.Status, Is.EqualTo(400));
        await page.GotoAsync("/workspace");
        await Expect(page.Locator("#user-id")).ToHaveTextAsync(Adjudicator);

        // Without Development, there is no development sign-in.
        Assert.That((await page.Context.APIRequest.GetAsync("/workspace/signin")).Status, Is.EqualTo(404));

        // A forged callback is a 400 problem, not a 500.
        var forged = await page.Context.APIRequest.GetAsync("/workspace/signin-oidc?code=forged&state=forged");
        Assert.That(forged.Status, Is.EqualTo(400));
        Assert.That(forged.Headers["content-type"], Does.StartWith("application/problem+json"));

        // The bearer API does not take the cookie.
        var api = await page.Context.APIRequest.GetAsync("/api/v1/adjudication/queue");
        Assert.That(api.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task SecurityOfficer_SeesClearancesDue_AndDownloadsACertificate()
    {
        using var applicant = Client("app-ws-cert", "applicant");
        using var investigator = Client("inv-ws-2", "investigator");
        using var adjudicatorApi = Client("adj-ws-cert", "adjudicator");
        var id = await driver.CaseInDecisionAsync(applicant, investigator, adjudicatorApi);
        await driver.ActOkAsync(adjudicatorApi, id, "grant", CaseDriver.GrantBody());

        var page = await SignInAsync(Officer);
        await page.GotoAsync("/workspace/clearances");
        var row = page.Locator("table[aria-labelledby=all] tr", new() { HasText = "app-ws-cert" });
        await Expect(row).ToContainTextAsync("Active");
        var clearanceId = Guid.Parse((await row.GetByRole(AriaRole.Button, new() { Name = "Download certificate (PDF)" }).GetAttributeAsync("data-certificate"))!);

        // Due in ten years, it is not in the list of those due soon; moved to 30 days from now, it is, and one due in 91 is not.
        var dueSoon = page.Locator("table[aria-labelledby=due] tr", new() { HasText = "app-ws-cert" });
        await Expect(dueSoon).ToHaveCountAsync(0);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await SetReinvestigationDueAsync(clearanceId, today.AddDays(ClearancesModel.DueWithinDays + 1));
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync(today.AddDays(ClearancesModel.DueWithinDays + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(dueSoon).ToHaveCountAsync(0);
        await SetReinvestigationDueAsync(clearanceId, today.AddDays(30));
        await page.ReloadAsync();
        await Expect(dueSoon).ToContainTextAsync(today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Browser.ScreenshotAsync(page, "clearances");
        await Browser.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "Download certificate (PDF)" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.That(File.ReadAllBytes(path).AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));

        // Issuing one is a change (a certificate record, an audit event): a GET, as a link from another site would send, issues none.
        var issued = await CertificatesOfAsync(clearanceId);
        Assert.That(issued, Is.EqualTo(1), "the download issued one");
        var linked = await page.GotoAsync($"/workspace/clearances?handler=Certificate&id={clearanceId}");
        Assert.That(linked!.Headers["content-type"], Does.Not.Contain("pdf"));
        Assert.That(await CertificatesOfAsync(clearanceId), Is.EqualTo(issued));

        // Interim eligibility is certified too, as the API issues it.
        using var interimApplicant = Client("app-ws-interim-cert", "applicant");
        var interimCase = await driver.SubmittedCaseAsync(interimApplicant);
        await driver.ActOkAsync(adjudicatorApi, interimCase, "grant-interim", new { level = "Secret", rationale = "Nothing of concern so far." });
        await page.GotoAsync("/workspace/clearances");
        var interimRow = page.Locator("table[aria-labelledby=all] tr", new() { HasText = "app-ws-interim-cert" });
        await Expect(interimRow).ToContainTextAsync("Interim");
        var interimDownload = await page.RunAndWaitForDownloadAsync(() => interimRow.GetByRole(AriaRole.Button, new() { Name = "Download certificate (PDF)" }).ClickAsync());
        Assert.That(File.ReadAllBytes(await interimDownload.PathAsync()).AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));
    }

    [Test]
    public async Task Lists_EachPagesOnItsOwn_ByThePageSizeAsked_AndAnUnreadablePageIs400()
    {
        using var investigator = Client("inv-ws-pages", "investigator");
        using var adjudicatorApi = Client("adj-ws-pages", "adjudicator");
        for (var i = 0; i < 2; i++)
        {
            using var granted = Client($"app-ws-pages-{i}", "applicant");
            await driver.ActOkAsync(adjudicatorApi, await driver.CaseInDecisionAsync(granted, investigator, adjudicatorApi), "grant", CaseDriver.GrantBody());
            using var waiting = Client($"app-ws-pages-q{i}", "applicant");
            await driver.CompleteChecksAsync(investigator, await driver.SubmittedCaseAsync(waiting));
        }

        var officer = await SignInAsync(Officer);
        await officer.GotoAsync("/workspace/clearances?pageSize=1");
        var rows = officer.Locator("table[aria-labelledby=all] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        var total = int.Parse(Regex.Match((await officer.Locator("h2#all").TextContentAsync())!, @"\((\d+)\)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(total, Is.GreaterThanOrEqualTo(2));
        await Expect(officer.Locator("#all-page-of")).ToHaveTextAsync($"Page 1 of {total}");
        var first = await rows.First.TextContentAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Next page of All clearances, soonest due first" }).ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("[?&]allPage=2"));
        await Expect(officer.Locator("#all-page-of")).ToHaveTextAsync($"Page 2 of {total}");
        await Expect(rows).ToHaveCountAsync(1);
        Assert.That(await rows.First.TextContentAsync(), Is.Not.EqualTo(first), "the second page shows the next clearance");
        await Browser.AssertAccessibleAsync(officer);
        foreach (var query in new[] { "allPage=abc", "duePage=99999999999", "pageSize=x", "pageSize=0", "allPage=0" })
        {
            var refused = await officer.GotoAsync($"/workspace/clearances?{query}");
            Assert.That(refused!.Status, Is.EqualTo(400), query);
        }

        var adjudicator = await SignInAsync(Adjudicator);
        await adjudicator.GotoAsync("/workspace/queue?pageSize=1");
        await Expect(adjudicator.Locator("table[aria-labelledby=unassigned] tbody tr")).ToHaveCountAsync(1);
        await adjudicator.GetByRole(AriaRole.Link, new() { Name = "Next page of Unassigned" }).ClickAsync();
        await Expect(adjudicator.Locator("#unassigned-page-of")).ToContainTextAsync("Page 2 of");
        await Expect(adjudicator.Locator("table[aria-labelledby=unassigned] tbody tr")).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(adjudicator);
        var unreadable = await adjudicator.GotoAsync("/workspace/queue?unassignedPage=x");
        Assert.That(unreadable!.Status, Is.EqualTo(400));
        await Expect(adjudicator.Locator("main")).ToContainTextAsync("Not a whole number.");
    }

    [Test]
    public async Task SecurityOfficer_SeesVetting_ReportsAnIncidentWithSuspension_AndTheClearanceIsSuspended()
    {
        using var applicant = Client("app-ws-incident", "applicant");
        using var investigator = Client("inv-ws-3", "investigator");
        using var adjudicatorApi = Client("adj-ws-incident", "adjudicator");
        var id = await driver.CaseInDecisionAsync(applicant, investigator, adjudicatorApi);
        await driver.ActOkAsync(adjudicatorApi, id, "grant", CaseDriver.GrantBody());

        var page = await SignInAsync(Officer);
        await page.GotoAsync("/workspace/clearances");
        var row = page.Locator("table[aria-labelledby=all] tr", new() { HasText = "app-ws-incident" });
        await Expect(row.Locator("td[data-vetting=enrolled]")).ToHaveTextAsync("Enrolled");
        await Expect(row.Locator("td[data-vetting=last]")).ToHaveTextAsync("—");
        await Expect(row.Locator("td[data-vetting=next]")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$"));

        await row.GetByRole(AriaRole.Link, new() { Name = "app-ws-incident" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/clearances/[0-9a-f-]{36}$"));
        await Expect(page).ToHaveTitleAsync("Clearance · Clearance workspace");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#vetting-enrolled")).ToHaveTextAsync("Yes");
        await Expect(page.Locator("table[aria-labelledby=history]")).ToContainTextAsync("Active");
        await Browser.AssertAccessibleAsync(page);

        const string summary = "Arrested for a public-order offence last weekend.";
        await page.Locator("#incident-guideline").SelectOptionAsync("J");
        await page.Locator("#incident-summary").FillAsync(summary);
        await page.Locator("#incident-suspend").CheckAsync();
        var posted = await page.RunAndWaitForRequestAsync(
            () => page.Locator("#incident-form button[type=submit]").ClickAsync(), r => r.Method == "POST");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Incident reported: case");
        var notice = await page.Locator("#notice").TextContentAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Suspended");
        await Expect(page.Locator("table[aria-labelledby=history]")).ToContainTextAsync("suspended on report of an incident");
        await Expect(page.Locator("#opened-case a")).ToHaveAttributeAsync("href", new Regex("^/workspace/cases/[0-9a-f-]{36}$"));
        Assert.That(page.Url, Does.Not.Contain("Arrested"));
        Assert.That(await page.TitleAsync(), Is.EqualTo("Clearance · Clearance workspace"));
        await Browser.ScreenshotAsync(page, "clearance");
        await Browser.AssertAccessibleAsync(page);

        // The continuous-evaluation case the incident opened waits for an adjudicator.
        var opened = Guid.Parse((await page.Locator("#opened-case a").GetAttributeAsync("href"))!.Split('/')[^1]);

        // The same form sent again (a double click, a retried post) opens no second case and says what the first did.
        var again = await PostFormAsync(page, posted.Url, posted.PostData);
        Assert.That(again.Status, Is.EqualTo(200), await again.TextAsync());
        Assert.That(await again.TextAsync(), Does.Contain(System.Net.WebUtility.HtmlEncode(notice!.Trim())));
        var incidentClearance = Guid.Parse(page.Url.Split('/')[^1]);
        Assert.That(await EvaluationsOfAsync(incidentClearance), Is.EqualTo(1));
        var withoutKey = await PostFormAsync(page, posted.Url, System.Text.RegularExpressions.Regex.Replace(posted.PostData!, "(^|&)formKey=[^&]*", string.Empty));
        Assert.That(withoutKey.Status, Is.EqualTo(400), await withoutKey.TextAsync());
        Assert.That(await EvaluationsOfAsync(incidentClearance), Is.EqualTo(1));

        var evaluation = await driver.GetCaseAsync(adjudicatorApi, opened);
        Assert.That(evaluation.GetProperty("type").GetString(), Is.EqualTo("ContinuousEvaluation"));
        await page.Locator("#opened-case a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/workspace/cases/{opened}$"));
        await Expect(page.Locator("#summary")).ToContainTextAsync("ContinuousEvaluation");
        await Expect(page.Locator("#incident-summary")).ToHaveTextAsync(summary);
        await Expect(page.Locator("#incident")).ToBeVisibleAsync();
        var clearanceLink = await page.Locator("dl.facts a[href^='/workspace/clearances/']").First.GetAttributeAsync("href");

        // An admin reads the case but not the clearance page: its id is shown, not a link to a page they cannot open.
        var admin = await SignInAsync(Admin);
        await admin.GotoAsync($"/workspace/cases/{opened}");
        await Expect(admin.Locator("#incident-summary")).ToHaveTextAsync(summary);
        await Expect(admin.Locator("main")).ToContainTextAsync(clearanceLink!.Split('/')[^1]);
        await Expect(admin.Locator("main a[href^='/workspace/clearances/']")).ToHaveCountAsync(0);

        await page.GotoAsync("/workspace/clearances");
        await Expect(page.Locator("table[aria-labelledby=all] tr", new() { HasText = "app-ws-incident" })).ToContainTextAsync("Suspended");
    }

    [Test]
    public async Task SecurityOfficer_TheirOwnClearance_IsNeitherListedNorShown()
    {
        using var investigator = Client("inv-ws-own", "investigator");
        using var adjudicatorApi = Client("adj-ws-own", "adjudicator");
        using var other = Client("app-ws-own-other", "applicant");
        using var self = Client(Officer, "applicant");
        foreach (var holder in new[] { other, self })
        {
            await driver.ActOkAsync(adjudicatorApi, await driver.CaseInDecisionAsync(holder, investigator, adjudicatorApi), "grant", CaseDriver.GrantBody());
        }

        var ownId = (await driver.GetJsonAsync(self, "/api/v1/me/clearance")).GetProperty("id").GetGuid();

        var page = await SignInAsync(Officer);
        await page.GotoAsync("/workspace/clearances");
        await Expect(page.Locator("table[aria-labelledby=all] tr", new() { HasText = "app-ws-own-other" })).ToHaveCountAsync(1);
        await Expect(page.Locator($"a[data-clearance='{ownId}']")).ToHaveCountAsync(0);

        var own = await page.GotoAsync($"/workspace/clearances/{ownId}");
        Assert.That(own!.Status, Is.EqualTo(403));
        await Expect(page.Locator("#error")).ToContainTextAsync("conflict of interest");
        await Expect(page.Locator("#summary")).ToHaveCountAsync(0);
        await Expect(page.Locator("#incident-form")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Admin_OpensTheJobsDashboardFromTheWorkspace_ButCannotPostThroughTheCookie()
    {
        var page = await SignInAsync(Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/jobs$"));
        await Expect(page).ToHaveTitleAsync(new Regex("ClearanceWorkflow jobs"));
        var recurring = await page.GotoAsync("/jobs/recurring");
        Assert.That(recurring!.Status, Is.EqualTo(200));
        await Expect(page.Locator("main, body")).ToContainTextAsync(ReinvestigationSweepJob.RecurringId);

        // Through the cookie the dashboard is read-only, for admin too: a (forgeable) post is refused, and nothing is queued.
        var lastRun = LastSweepJob();
        var form = page.Context.APIRequest.CreateFormData();
        form.Append("jobs[]", ReinvestigationSweepJob.RecurringId);
        var post = await page.Context.APIRequest.PostAsync("/jobs/recurring/trigger", new() { Form = form });
        Assert.That(post.Status, Is.EqualTo(403));
        Assert.That(LastSweepJob(), Is.EqualTo(lastRun), "the sweep was not triggered");

        // An adjudicator's session is not let in.
        var adjudicator = await SignInAsync(Adjudicator);
        var refused = await adjudicator.Context.APIRequest.GetAsync("/jobs", new() { MaxRedirects = 0 });
        Assert.That(refused.Status, Is.EqualTo(302));
        Assert.That(new Uri(refused.Headers["location"]).PathAndQuery, Is.EqualTo("/workspace/denied?returnUrl=%2Fjobs"));

        string? LastSweepJob()
        {
            using var connection = factory.Storage().GetConnection();
            return connection.GetRecurringJobs().Single(r => r.Id == ReinvestigationSweepJob.RecurringId).LastJobId;
        }
    }

    [Test]
    public async Task Board_TwoSeniorAdjudicatorsVoteInTheBrowser_AndTheAppealIsClosed()
    {
        using var applicant = Client("app-ws-board", "applicant");
        using var investigator = Client("inv-ws-4", "investigator");
        using var denier = Client("adj-ws-board-1", "adjudicator");
        using var concurrer = Client("senior-ws-board-concur", "senior-adjudicator");
        using var second = Client("adj-ws-board-2", "adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, denier);
        await driver.RecordFindingOkAsync(denier, id, "F", "Minor");
        await driver.ActOkAsync(denier, id, "refer-to-decision");
        await driver.ActOkAsync(denier, id, "deny", new { rationale = "Unmitigated financial considerations." });
        await driver.ActOkAsync(concurrer, id, "concur");
        await driver.ActOkAsync(applicant, id, "answer", new { response = "The debts were settled in 2024.", requestHearing = false });
        await driver.ActOkAsync(second, id, "claim");
        await driver.ActOkAsync(second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        await driver.ActOkAsync(applicant, id, "appeal", new { grounds = "The second decision ignored the settlement." });

        foreach (var (member, vote) in new[] { (BoardMember1, "Reverse"), (BoardMember2, "Reverse") })
        {
            var page = await SignInAsync(member);
            await page.GotoAsync($"/workspace/cases/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("appeal");
            await Expect(page.Locator("#due-process-response")).ToHaveTextAsync("The debts were settled in 2024.");
            await Expect(page.Locator("#appeal-grounds")).ToHaveTextAsync("The second decision ignored the settlement.");
            if (member == BoardMember2)
            {
                await Expect(page.Locator("#board-votes")).ToContainTextAsync($"Reverse by {BoardMember1}");
            }

            await page.Locator("#board-vote-vote").SelectOptionAsync(vote);
            await page.Locator("#board-vote-rationale").FillAsync("The settlement mitigates the concern.");
            await Act(page, "board-vote");
            await Expect(page.Locator("#notice")).ToContainTextAsync("Done: Board vote");
            if (member == BoardMember1)
            {
                await Expect(page.Locator("#stage")).ToHaveTextAsync("appeal");
                await Expect(page.Locator("form[data-action=board-vote]")).ToHaveCountAsync(0);
                await Browser.AssertAccessibleAsync(page);
            }
            else
            {
                await Expect(page.Locator("#stage")).ToHaveTextAsync("closed");
                await Expect(page.Locator("#status")).ToHaveTextAsync("Granted");
            }
        }

        Assert.That((await driver.GetCaseAsync(applicant, id)).GetProperty("status").GetString(), Is.EqualTo("Granted"));
    }

    [Test]
    public async Task Admin_AddsAPartnerAgency_AndSeesItsAgreement()
    {
        var page = await SignInAsync(Admin);
        await page.GotoAsync("/workspace/partners");
        await page.Locator("#partner-partnerId").FillAsync("agency-ws");
        await page.Locator("#partner-name").FillAsync("Workspace test agency");
        await page.Locator("#partner-country").FillAsync("DE");
        await page.Locator("#partner-purposes").FillAsync("employment");
        await page.Locator("#partner-maxLevel").SelectOptionAsync("Secret");
        await page.Locator("#partner-agreementExpiresOn").FillAsync(TimeProvider.System.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#partner-active")).ToBeCheckedAsync();
        await page.Locator("#partner-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Partner agency-ws added.");
        var row = page.Locator("table[aria-labelledby=partners] tr", new() { HasText = "agency-ws" });
        await Expect(row).ToContainTextAsync("Workspace test agency");
        await Expect(row).ToContainTextAsync("Secret");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("yes");
        await Browser.ScreenshotAsync(page, "partners");
        await Browser.AssertAccessibleAsync(page);

        // A rule of the domain refuses on the page, as the API would (409), not as the API's JSON: deactivating twice.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        async Task<Microsoft.Playwright.IAPIResponse> DeactivateAsync()
        {
            var form = page.Context.APIRequest.CreateFormData();
            form.Append("__RequestVerificationToken", token!);
            return await page.Context.APIRequest.PostAsync("/workspace/partners?handler=Deactivate&partnerId=agency-ws", new() { Form = form, MaxRedirects = 0 });
        }

        Assert.That((await DeactivateAsync()).Status, Is.EqualTo(302));
        var again = await DeactivateAsync();
        Assert.That(again.Status, Is.EqualTo(409));
        Assert.That(again.Headers["content-type"], Does.StartWith("text/html"));
        Assert.That(await again.TextAsync(), Does.Contain("Not possible now:"));

        // A deactivated partner is activated again on its agreement's terms.
        await page.GotoAsync("/workspace/partners");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("no");
        await row.GetByRole(AriaRole.Button, new() { Name = "Activate agency-ws" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Partner agency-ws activated.");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("yes");
        await Expect(row).ToContainTextAsync("Workspace test agency");
    }

    [Test]
    public async Task Timeliness_ShowsMudBlazorChartsOfPhasesMonthsAndAging_WithTheirFigures()
    {
        var page = await SignInAsync(Auditor);
        await page.GotoAsync("/workspace");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Timeliness" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/timeliness$"));
        await Expect(page.Locator("figure.chart")).ToHaveCountAsync(3);
        await Expect(page.Locator("figure.chart .mud-chart svg")).ToHaveCountAsync(3);
        await Expect(page.Locator("figure.chart").First.Locator("svg path").First).ToBeAttachedAsync();
        await Expect(page.Locator("#phases-table")).ToContainTextAsync("end-to-end");
        await Expect(page.Locator("#outcomes-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#outcomes-table tbody tr").First).ToContainTextAsync("denial rate");
        await Expect(page.Locator("#outcomes-table tbody tr").Last).ToContainTextAsync("revocation rate");
        var overTime = page.Locator("figure[aria-labelledby=monthly-caption]");
        await Expect(overTime.Locator(".mud-chart svg path.mud-chart-line")).ToHaveCountAsync(2 * ClearanceWorkflow.Application.Features.Reports.Timeliness.Phases.Length);
        await Expect(overTime.Locator("#monthly-table tbody tr")).ToHaveCountAsync(12);
        await Expect(overTime.Locator("#monthly-table tbody tr").Last.Locator("th")).ToHaveTextAsync(TimeProvider.System.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Expect(overTime.Locator("#monthly-table thead")).ToContainTextAsync("end-to-end");
        await Expect(page.Locator("#aging-table")).ToContainTextAsync("over-12-months");
        await Browser.ScreenshotAsync(page, "timeliness");
        await Browser.AssertAccessibleAsync(page);
    }

    [Test]
    public async Task StaffMemberWhoIsTheSubject_SeesNoStaffViewOfTheirOwnCase()
    {
        using var asApplicant = Client(Senior, "applicant");
        var own = await driver.SubmittedCaseAsync(asApplicant);
        var page = await SignInAsync(Senior);
        await page.GotoAsync($"/workspace/cases/{own}");
        await Expect(page.Locator("main")).ToContainTextAsync("This is your own case");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Doe");
        Assert.That(await page.Locator("form.action").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Adjudicator_LinkFromAnotherSiteToACase_OpensItOnlyOnTheirClick()
    {
        using var applicant = Client("app-ws-xsite", "applicant");
        using var investigator = Client("inv-ws-xsite", "investigator");
        using var adjudicatorApi = Client(Adjudicator, "adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicatorApi);
        var page = await SignInAsync(Adjudicator);
        var viewed = await ViewsOfAsync(id);

        // Another site's page links to the case: the browser says so (Sec-Fetch-Site: cross-site).
        await page.GotoAsync("about:blank");
        await page.SetContentAsync($"<a id='lure' href='{new Uri(service, $"workspace/cases/{id}")}'>Read this</a>");
        await page.Locator("#lure").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/workspace/cases/{id}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Open this page?");
        await Expect(page.Locator("#summary")).ToHaveCountAsync(0);
        Assert.That(await ViewsOfAsync(id), Is.EqualTo(viewed), "nothing shown, nothing audited in the adjudicator's name");

        await page.Locator("#continue").ClickAsync();
        await Expect(page.Locator("#summary")).ToBeVisibleAsync();
        Assert.That(await ViewsOfAsync(id), Is.EqualTo(viewed + 1), "opened by the adjudicator's own click");
    }

    /// <summary>A refused form comes back as it was typed: the adjudicator fixes the one field the refusal names.</summary>
    [Test]
    public async Task Adjudicator_RefusedForms_KeepWhatWasTyped()
    {
        using var applicant = Client("app-ws-keep", "applicant");
        using var investigator = Client("inv-ws-keep", "investigator");
        using var adjudicatorApi = Client(Adjudicator, "adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicatorApi);
        var page = await SignInAsync(Adjudicator);
        await page.GotoAsync($"/workspace/cases/{id}");

        await page.Locator("#finding-guideline").SelectOptionAsync("F");
        await page.Locator("#finding-severity").SelectOptionAsync("Moderate");
        await page.Locator("#finding-summary").FillAsync("Two defaults in 2024.");
        await page.Locator("#finding-mitigation").FillAsync("Repaid in full in 2025.");
        await page.Locator("#finding-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("main")).ToContainTextAsync("a finding not mitigated has no mitigation");
        await Expect(page.Locator("#finding-guideline")).ToHaveValueAsync("F");
        await Expect(page.Locator("#finding-severity")).ToHaveValueAsync("Moderate");
        await Expect(page.Locator("#finding-summary")).ToHaveValueAsync("Two defaults in 2024.");
        await Expect(page.Locator("#finding-mitigation")).ToHaveValueAsync("Repaid in full in 2025.");
        await Expect(page.Locator("#finding-mitigated")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#request-information-questions")).ToHaveValueAsync(string.Empty);
        await page.Locator("#finding-mitigated").CheckAsync();
        var posted = await page.RunAndWaitForRequestAsync(
            () => page.Locator("#finding-form button[type=submit]").ClickAsync(), r => r.Method == "POST");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Finding recorded.");

        // The same form sent again (a retried post, the answer lost on the way) records nothing: the case has moved on.
        var again = await PostFormAsync(page, posted.Url, posted.PostData);
        Assert.That(again.Status, Is.EqualTo(412), await again.TextAsync());
        Assert.That((await driver.GetCaseAsync(adjudicatorApi, id)).GetProperty("findings").GetArrayLength(), Is.EqualTo(1));

        // An action's form too: an interview without a place keeps its time.
        var interviewAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await page.Locator("#schedule-interview-scheduledAt").FillAsync(interviewAt);
        await page.Locator("form[data-action=schedule-interview] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("Some of the input was not accepted");
        await Expect(page.Locator("#schedule-interview-scheduledAt")).ToHaveValueAsync(interviewAt);
        await Expect(page.Locator("#stage")).ToHaveTextAsync("review");
    }

    [Test]
    public async Task Adjudicator_PagesThroughAllOfALongCasesEventsAndRequests()
    {
        const int Loops = 26;
        using var applicant = Client("app-ws-long", "applicant");
        using var investigator = Client("inv-ws-5", "investigator");
        using var adjudicatorApi = Client(Adjudicator, "adjudicator");
        using var auditorApi = Client(Auditor, "auditor");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicatorApi);
        await driver.InformationLoopsAsync(adjudicatorApi, applicant, id, Loops);
        var all = await CaseDriver.Json(await adjudicatorApi.GetAsync($"/api/v1/cases/{id}/events?pageSize=200"));
        var total = all.GetProperty("total").GetInt32();
        Assert.That(total, Is.GreaterThan(CaseRecordsModel.PageSize), "more events than a page");

        // The case page shows the latest; its link opens the first page of all of them, oldest first.
        var page = await SignInAsync(Adjudicator);
        await page.GotoAsync($"/workspace/cases/{id}");
        await page.Locator($"a[href='/workspace/cases/{id}/events']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Events");
        await Expect(page.Locator("#page-of")).ToHaveTextAsync($"Page 1 of 2 ({total} in all, oldest first)");
        var events = page.Locator("ol.timeline > li");
        await Expect(events).ToHaveCountAsync(CaseRecordsModel.PageSize);
        await Expect(events.First).ToContainTextAsync(all.GetProperty("items")[0].GetProperty("action").GetString()!);
        await Browser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Later" }).ClickAsync();
        await Expect(page.Locator("#page-of")).ToHaveTextAsync($"Page 2 of 2 ({total} in all, oldest first)");
        await Expect(events).ToHaveCountAsync(total - CaseRecordsModel.PageSize);
        await Expect(events.Last).ToContainTextAsync("provide-information");
        Assert.That(await page.GetByRole(AriaRole.Link, new() { Name = "Later" }).CountAsync(), Is.Zero);

        // Every information request on one page, the first and the last asked included.
        await page.GotoAsync($"/workspace/cases/{id}");
        await page.Locator($"a[href='/workspace/cases/{id}/information-requests']").ClickAsync();
        await Expect(page.Locator("#page-of")).ToHaveTextAsync($"Page 1 of 1 ({Loops} in all, oldest first)");
        await Expect(page.Locator("main h3")).ToHaveCountAsync(Loops);
        await Expect(page.Locator("main")).ToContainTextAsync("Question 0?");
        await Expect(page.Locator("main")).ToContainTextAsync($"Answer {Loops - 1}.");

        // A page number the API refuses is refused here too, with its reason.
        var refused = await page.GotoAsync($"/workspace/cases/{id}/events?page=0");
        Assert.That(refused!.Status, Is.EqualTo(400));
        await Expect(page.Locator("main")).ToContainTextAsync("Page");
        foreach (var unreadablePage in new[] { "abc", "99999999999" })
        {
            var notANumber = await page.GotoAsync($"/workspace/cases/{id}/events?page={unreadablePage}");
            Assert.That(notANumber!.Status, Is.EqualTo(400), unreadablePage);
            await Expect(page.Locator("main")).ToContainTextAsync("Not a whole number.");
            await Expect(page.Locator("#page-of")).ToHaveCountAsync(0);
        }

        // The list's name is read whatever its case, as the route matches it.
        await page.GotoAsync($"/workspace/cases/{id}/EVENTS");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Events");

        // A page past the last is not found, and says which page is the last.
        var past = await page.GotoAsync($"/workspace/cases/{id}/events?page=3");
        Assert.That(past!.Status, Is.EqualTo(404));
        await Expect(page.Locator("main")).ToContainTextAsync("There is no page 3: the last is page 2.");
        await Expect(page.Locator("#page-of")).ToHaveCountAsync(0);

        // The auditor pages through the case's trail too, past its first page.
        var trailTotal = (await CaseDriver.Json(await auditorApi.GetAsync($"/api/v1/audit?caseId={id}&pageSize=1"))).GetProperty("total").GetInt32();
        var auditor = await SignInAsync(Auditor);
        await auditor.GotoAsync($"/workspace/audit?caseId={id}&pageSize=20");
        var pages = (trailTotal + 19) / 20;
        await Expect(auditor.Locator("#audit-page-of")).ToContainTextAsync($"Page 1 of {pages}");
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Later" }).ClickAsync();
        await Expect(auditor.Locator("#audit-page-of")).ToContainTextAsync($"Page 2 of {pages}");
        await Expect(auditor.Locator("table[aria-labelledby=trail] tbody tr")).ToHaveCountAsync(Math.Min(20, trailTotal - 20));
        var unreadable = await auditor.GotoAsync("/workspace/audit?page=abc");
        Assert.That(unreadable!.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Applicant_SignedInAtTheProvider_IsNotLetIntoTheWorkspace()
    {
        var page = await browser.NewPageAsync(service);
        await page.GotoAsync("/workspace");
        await LogInAtProviderAsync(page, Applicant);
        await Expect(page).ToHaveURLAsync(new Regex("/workspace/denied"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not available to you");
        await Browser.AssertAccessibleAsync(page);
        var denied = await page.Context.APIRequest.GetAsync("/workspace/denied", new() { MaxRedirects = 0 });
        Assert.That(denied.Status, Is.EqualTo(403), "the page says so to the browser too");
        // Not signed in at all: no session to list or end, no sign-in in the trail.
        var again = await page.Context.APIRequest.GetAsync("/workspace", new() { MaxRedirects = 0 });
        Assert.That(again.Status, Is.EqualTo(302));
        Assert.That(again.Headers["location"], Does.StartWith(identityProvider.Issuer.ToString().TrimEnd('/')), "sent to sign in, not to the denied page");
        using var admin = factory.ClientFor("admin-ws-sessions", "admin");
        Assert.That(await admin.GetFromJsonAsync<List<WorkspaceSessions.OpenSession>>($"/api/v1/sessions?userId={Applicant}"), Is.Empty);
    }

    [Test]
    public async Task SignOut_EndsTheSession()
    {
        var page = await SignInAsync(Auditor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Signed out");
        await Browser.AssertAccessibleAsync(page);
        var response = await page.Context.APIRequest.GetAsync("/workspace/audit", new() { MaxRedirects = 0 });
        Assert.That(response.Status, Is.EqualTo(302));
        Assert.That(response.Headers["location"], Does.StartWith(identityProvider.Issuer.ToString().TrimEnd('/')));
    }

    [Test]
    public async Task RemoteSignOut_IsNotOffered_AGetLeavesTheSessionAsItWas()
    {
        // The OpenID Connect handler's /signout-oidc would end the cookie on any GET, a link from another site included.
        var page = await SignInAsync(Auditor);
        var remote = await page.Context.APIRequest.GetAsync("/signout-oidc", new() { MaxRedirects = 0 });
        Assert.That(remote.Status, Is.EqualTo(404));
        var after = await page.Context.APIRequest.GetAsync("/workspace/audit", new() { MaxRedirects = 0 });
        Assert.That(after.Status, Is.EqualTo(200), "still signed in");
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var page = await browser.NewPageAsync(service);
        await page.GotoAsync("/");
        await LogInAtProviderAsync(page, user);
        await Expect(page).ToHaveURLAsync(new Regex("/workspace$"));
        await Expect(page.Locator("#user-id")).ToHaveTextAsync(user);
        return page;
    }

    /// <summary>oidc-provider's development login form: any password.</summary>
    private async Task LogInAtProviderAsync(IPage page, string user)
    {
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(identityProvider.Issuer.ToString().TrimEnd('/'))));
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any");
        await page.Locator("button[type=submit]").ClickAsync();
    }

    private static async Task Act(IPage page, string action)
    {
        await page.Locator($"form[data-action={action}] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#error")).ToHaveCountAsync(0);
    }

    private HttpClient Client(string sub, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = service };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Keys.Token(sub, roles));
        return client;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task SetReinvestigationDueAsync(Guid clearanceId, DateOnly dueOn)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        Assert.That(await db.Clearances.Where(c => c.Id == clearanceId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReinvestigationDueOn, dueOn)), Is.EqualTo(1));
    }

    /// <summary>Posts a form's body as the page's browser would send it again (its cookies, no click).</summary>
    private static Task<IAPIResponse> PostFormAsync(IPage page, string url, string? body) =>
        page.Context.APIRequest.PostAsync(url, new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            DataString = body,
        });

    private async Task<int> ViewsOfAsync(Guid caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.CountAsync(e => e.CaseId == caseId && e.Action == "case.viewed");
    }

    private async Task<int> EvaluationsOfAsync(Guid clearanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Cases
            .CountAsync(c => c.ClearanceId == clearanceId && c.Type == ClearanceWorkflow.Domain.CaseType.ContinuousEvaluation);
    }

    private async Task<int> CertificatesOfAsync(Guid clearanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().ClearanceCertificates.CountAsync(c => c.ClearanceId == clearanceId);
    }
}
