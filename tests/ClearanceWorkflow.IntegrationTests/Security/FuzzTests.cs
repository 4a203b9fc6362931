using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>
/// Hostile input to every endpoint the service maps (EndpointDataSource, so endpoints added later are fuzzed
/// too): odd route values, hostile bodies (random bytes, malformed and truncated JSON, wrong shapes and types,
/// huge strings, deep nesting, unknown enums, wrong content types, a body over the limit) and hostile query
/// strings, with a token holding every role and a partner id, and some anonymously. Every answer must be a 4xx,
/// or a 2xx where the input happens to be valid, never a 5xx; error answers are problem details; every answer
/// carries the security headers. The inputs come from a fixed seed: a failure reproduces.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class FuzzTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const int Seed = 20_261_123;
    private const int MutationsPerBody = 15;
    private const int GenericBodiesPerExtraAction = 8;
    private const string PartnerId = "partner-fuzz";

    /// <summary>The case stage (see <see cref="CaseFor"/>) whose case suits each action: the fuzz user may perform the action there.</summary>
    private static readonly Dictionary<string, string> StageForAction = new(StringComparer.Ordinal)
    {
        ["submit"] = "application", ["withdraw"] = "application", ["complete-investigation"] = "background-check", ["claim"] = "review",
        ["assign"] = "review-assigned", ["request-information"] = "review-assigned", ["schedule-interview"] = "review-assigned",
        ["refer-to-decision"] = "review-assigned", ["provide-information"] = "review-awaiting", ["complete-interview"] = "interview",
        ["grant"] = "decision", ["deny"] = "decision", ["concur"] = "denial-pending", ["decline-concurrence"] = "denial-pending",
        ["grant-interim"] = "review-assigned", ["withdraw-interim"] = "interim",
        ["answer"] = "due-process-awaiting", ["answer-period-ends"] = "due-process-awaiting",
        ["appeal"] = "appeal-awaiting", ["appeal-period-ends"] = "appeal-awaiting",
        ["board-vote"] = "appeal", ["uphold-denial"] = "appeal", ["reverse-denial"] = "appeal",
        ["suspend"] = "evaluation", ["reinstate"] = "evaluation",
    };

    private readonly Dictionary<string, (Guid Id, string State)> _cases = [];
    private Guid? _clearance;
    private string _fuzzUser = null!;
    private HttpClient _all = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _investigator = null!;
    private CaseDriver _driver = null!;
    private IReadOnlyList<MappedEndpoint> _endpoints = null!;
    private IReadOnlyList<string> _actions = null!;
    private int _requests;
    private int _undeliverable;
    private int _unique;

    [OneTimeSetUp]
    public void Prepare()
    {
        _fuzzUser = NewUser("fuzz");
        _all = Factory.WithToken(TokenIssuer.Create(Factory.Keys.Auth, TimeProvider.System, _fuzzUser, [.. Roles.TokenRoles], PartnerId, TimeSpan.FromHours(1)));
        _anonymous = Factory.CreateClient();
        _investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        _driver = new CaseDriver(Factory);
        _endpoints = ApiSurface.Endpoints(Factory.Services);
        _actions = [.. Factory.Services.GetRequiredService<WorkflowRegistry>().Catalog.Active("clearance").Actions.Select(a => a.Name)];
    }

    [OneTimeTearDown]
    public void Release()
    {
        _all?.Dispose();
        _anonymous?.Dispose();
        _investigator?.Dispose();
        TestContext.Progress.WriteLine($"{nameof(FuzzTests)}({Kind}): {_requests} requests, {_undeliverable} of them undeliverable in memory");
    }

    [Test]
    public void Endpoints_Enumerated_IncludeTheApi()
    {
        Assert.That(_endpoints.Count(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(14), "the service's endpoints could not be enumerated");
        Assert.That(_actions, Is.Not.Empty);
    }

    [Test]
    public async Task EveryEndpoint_OddRouteValues_NeverAnswers5xx()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => e.Parameters.Count > 0))
        {
            foreach (var parameter in endpoint.Parameters)
            {
                foreach (var value in HostileInput.OddRouteValues(random))
                {
                    foreach (var escaped in new[] { false, true })
                    {
                        var odd = escaped ? Uri.EscapeDataString(value) : value;
                        var (path, action) = await PathAsync(endpoint, random, (parameter, odd));
                        var body = endpoint.HasBody && Valid(endpoint, action) is { } json ? HostileBody.Json("valid body", json) : null;
                        await SendAsync(failures, _all, endpoint.Method, path, body);
                    }
                }
            }
        }

        AssertNoFailures(failures);
    }

    [Test]
    public async Task EveryEndpoint_HostileBodies_NeverAnswers5xx()
    {
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        foreach (var endpoint in _endpoints)
        {
            if (!endpoint.HasBody)
            {
                // A body where none is expected: ignored or refused, never a failure.
                var (getPath, _) = await PathAsync(endpoint, random);
                foreach (var body in new[] { OverTheLimit(), HostileBody.Json("5000 x [", new string('[', 5000)) })
                {
                    await SendAsync(failures, _all, endpoint.Method, getPath, body);
                }

                continue;
            }

            // The action endpoint is fuzzed once per workflow action (and an unknown one), each with its own valid body.
            var variants = endpoint.Parameters.Contains("action") ? [.. _actions, "no-such-action"] : new List<string?> { null };
            var first = true;
            foreach (var action in variants)
            {
                var valid = Valid(endpoint, action);
                var generic = HostileInput.GenericBodies(random, valid).Append(OverTheLimit()).ToList();
                var bodies = first ? generic : [.. generic.OrderBy(_ => random.Next()).Take(GenericBodiesPerExtraAction)];
                if (valid is not null)
                {
                    bodies.AddRange(HostileInput.Mutations(random, valid, MutationsPerBody));
                    bodies.Add(HostileBody.Json("valid body", valid));
                }

                foreach (var body in bodies)
                {
                    var (path, _) = await PathAsync(endpoint, random, action is null ? null : ("action", action));
                    await SendAsync(failures, _all, endpoint.Method, path, body);
                }

                first = false;
            }
        }

        AssertNoFailures(failures);
    }

    [Test]
    public async Task EveryEndpoint_HostileQueryStrings_NeverAnswers5xx()
    {
        var random = new Random(Seed + 2);
        var failures = new List<string>();
        var queries = HostileInput.HostileQueries(random);
        foreach (var endpoint in _endpoints)
        {
            // Every query on the endpoints that read one (GET); a sample elsewhere.
            var chosen = endpoint.Method == "GET" ? queries : [.. queries.OrderBy(_ => random.Next()).Take(4)];
            foreach (var query in chosen)
            {
                var (path, action) = await PathAsync(endpoint, random);
                var body = endpoint.HasBody && Valid(endpoint, action) is { } json ? HostileBody.Json("valid body", json) : null;
                await SendAsync(failures, _all, endpoint.Method, path + "?" + query, body);
            }
        }

        AssertNoFailures(failures);
    }

    [Test]
    public async Task EveryEndpoint_AnonymousHostileRequests_NeverAnswers2xxOr5xxOnTheApi()
    {
        var random = new Random(Seed + 3);
        var failures = new List<string>();
        var odd = HostileInput.OddRouteValues(random);
        foreach (var endpoint in _endpoints)
        {
            var samples = new List<(string Path, HostileBody? Body)>();
            var (path, action) = await PathAsync(endpoint, random);
            var valid = endpoint.HasBody ? Valid(endpoint, action) : null;
            samples.Add((path, valid is null ? null : HostileBody.Json("valid body", valid)));
            samples.Add((path, HostileBody.Json("malformed JSON", "{\"a\":")));
            samples.Add((path, OverTheLimit()));
            samples.Add((path + "?page=-1&pageSize=999999&from=notadate", null));
            foreach (var parameter in endpoint.Parameters)
            {
                var (oddPath, _) = await PathAsync(endpoint, random, (parameter, odd[random.Next(odd.Count)]));
                samples.Add((oddPath, valid is null ? null : HostileBody.Json("valid body", valid)));
            }

            foreach (var (p, body) in samples)
            {
                await SendAsync(failures, _anonymous, endpoint.Method, p, body, anonymous: true);
            }
        }

        AssertNoFailures(failures);
    }

    /// <summary>A body one byte over the service's limit (Content-Length announces it).</summary>
    private static HostileBody OverTheLimit()
    {
        var bytes = new byte[ApiHost.DefaultMaxRequestBodyBytes + 1];
        Array.Fill(bytes, (byte)' ');
        bytes[0] = (byte)'"';
        bytes[^1] = (byte)'"';
        return new HostileBody("one byte over the body limit", bytes);
    }

    /// <summary>The valid body for the endpoint (and action), from authorization-bodies.json; null when it takes none.</summary>
    private string? Valid(MappedEndpoint endpoint, string? action)
    {
        var path = action is null ? endpoint.Pattern : endpoint.Pattern.Replace("{action}", action, StringComparison.Ordinal);
        var unique = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fz{++_unique:D8}");
        return AuthorizationMatrix.BodyFor(endpoint.Method, path, endpoint.Pattern, unique);
    }

    /// <summary>The endpoint's path with valid route values (a case the fuzz user may act on), except the one overridden.</summary>
    private async Task<(string Path, string? Action)> PathAsync(MappedEndpoint endpoint, Random random, (string Name, string Value)? overridden = null)
    {
        var action = endpoint.Parameters.Contains("action")
            ? overridden is { Name: "action" } o ? o.Value : _actions[random.Next(_actions.Count)]
            : null;
        var segments = new List<string>();
        foreach (var segment in endpoint.Pattern.Split('/'))
        {
            if (!segment.StartsWith('{'))
            {
                segments.Add(segment);
                continue;
            }

            var name = segment.Trim('{', '}');
            if (overridden is { } over && over.Name == name)
            {
                segments.Add(over.Value);
                continue;
            }

            segments.Add(name switch
            {
                "id" when endpoint.Pattern.StartsWith("/api/v1/clearances/{id}", StringComparison.Ordinal) => (await ClearanceFor()).ToString(),
                "id" => (await CaseFor(StageFor(endpoint, action))).ToString(),
                "action" => action!,
                "kind" => "identity",
                "name" => "clearance",
                _ => "x",
            });
        }

        return (string.Join('/', segments), action);
    }

    private static string StageFor(MappedEndpoint endpoint, string? action) => endpoint.Pattern switch
    {
        _ when action is not null => StageForAction.GetValueOrDefault(action, "application"),
        var p when p.Contains("questionnaire", StringComparison.Ordinal) => "application",
        var p when p.Contains("/checks/", StringComparison.Ordinal) => "background-check",
        var p when p.EndsWith("/findings", StringComparison.Ordinal) => "review-assigned",
        _ => "decision",
    };

    /// <summary>The clearance granted (by the fuzz user) on another applicant's case, for the /clearances/{id} routes.</summary>
    private async Task<Guid> ClearanceFor()
    {
        if (_clearance is { } known)
        {
            return known;
        }

        var id = await CaseFor("decision");
        _cases.Remove("decision");
        await _driver.ActOkAsync(_all, id, "grant", CaseDriver.GrantBody());
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Persistence.ClearanceDbContext>();
        _clearance = await db.Clearances.Where(c => c.CaseId == id).Select(c => c.Id).SingleAsync();
        return _clearance.Value;
    }

    /// <summary>
    /// A case in the stage with the fuzz user as subject (application, background-check, review-awaiting) or as
    /// assignee (review-assigned, interview, decision), or unassigned (review), or denied by another (denial-pending), or in
    /// due process after others denied and concurred, with the fuzz user as subject (due-process-awaiting, appeal-awaiting)
    /// or, having taken no part, before the appeal board (appeal), or in background-check with an interim clearance another
    /// adjudicator granted (interim).
    /// A case that a request has moved on is replaced by a new one (<see cref="SendAsync"/> checks).
    /// </summary>
    private async Task<Guid> CaseFor(string stage)
    {
        if (_cases.TryGetValue(stage, out var known))
        {
            return known.Id;
        }

        if (stage == "evaluation")
        {
            // A ContinuousEvaluation case, opened by an incident on a fresh clearance and claimed by the fuzz user.
            var granted = await CaseFor("decision");
            _cases.Remove("decision");
            await _driver.ActOkAsync(_all, granted, "grant", CaseDriver.GrantBody());
            using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
            await using var scope = Factory.Services.CreateAsyncScope();
            var clearanceId = await scope.ServiceProvider.GetRequiredService<Application.Persistence.ClearanceDbContext>().Clearances
                .Where(c => c.CaseId == granted).Select(c => c.Id).SingleAsync();
            using var reported = await officer.PostAsJsonAsync($"/api/v1/clearances/{clearanceId}/incidents", new { guideline = "G", summary = "Reported.", suspend = false });
            await CaseDriver.Expect(reported, System.Net.HttpStatusCode.Created);
            var evaluation = (await CaseDriver.Json(reported)).GetProperty("id").GetGuid();
            await _driver.ActOkAsync(_all, evaluation, "claim");
            _cases[stage] = (evaluation, await StateOf(evaluation));
            return evaluation;
        }

        var subjectIsFuzz = stage is "application" or "background-check" or "review-awaiting" or "due-process-awaiting" or "appeal-awaiting";
        var dueProcess = stage is "due-process-awaiting" or "appeal-awaiting" or "appeal";
        using var other = Factory.ClientFor(NewUser("alice"), "applicant");
        var subject = subjectIsFuzz ? _all : other;
        var id = (await _driver.ApplyAsync(subject)).GetProperty("id").GetGuid();
        await _driver.FillQuestionnaireAsync(subject, id);
        if (stage != "application")
        {
            await _driver.ActOkAsync(subject, id, "submit", new { attestation = true });
        }

        if (stage is not ("application" or "background-check" or "interim"))
        {
            await _driver.CompleteChecksAsync(_investigator, id);
        }

        using var otherAdjudicator = Factory.ClientFor(NewUser("adam"), "adjudicator");
        var assignee = stage is "review-awaiting" or "denial-pending" || dueProcess ? otherAdjudicator : _all;
        if (stage is not ("application" or "background-check" or "review" or "interim"))
        {
            await _driver.ActOkAsync(assignee, id, "claim");
        }

        switch (stage)
        {
            case "interim":
                await _driver.ActOkAsync(otherAdjudicator, id, "grant-interim", new { level = "Secret", rationale = "Nothing of concern so far." });
                break;
            case "review-awaiting":
                await _driver.ActOkAsync(assignee, id, "request-information", new { questions = new[] { "Why?" } });
                break;
            case "interview":
                await _driver.ActOkAsync(assignee, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(7), location = "Room 101" });
                break;
            case "decision" or "denial-pending" or "due-process-awaiting" or "appeal-awaiting" or "appeal":
                await _driver.RecordFindingOkAsync(assignee, id, "F", "Minor");
                await _driver.ActOkAsync(assignee, id, "refer-to-decision");
                if (stage != "decision")
                {
                    await _driver.ActOkAsync(assignee, id, "deny", new { rationale = "Unmitigated financial considerations." });
                }

                if (dueProcess)
                {
                    using var senior = Factory.ClientFor(NewUser("sue"), "senior-adjudicator");
                    await _driver.ActOkAsync(senior, id, "concur");
                }

                if (stage is "appeal-awaiting" or "appeal")
                {
                    using var second = Factory.ClientFor(NewUser("eve"), "adjudicator");
                    await _driver.ActOkAsync(subject, id, "answer", new { response = "Settled.", requestHearing = false });
                    await _driver.ActOkAsync(second, id, "claim");
                    await _driver.ActOkAsync(second, id, "deny", new { rationale = "Not mitigated." });
                }

                if (stage == "appeal")
                {
                    await _driver.ActOkAsync(subject, id, "appeal", new { grounds = "Not weighed." });
                }

                break;
        }

        _cases[stage] = (id, await StateOf(id));
        return id;
    }

    private async Task<string> StateOf(Guid id)
    {
        var c = await _driver.GetCaseAsync(_all, id);
        return $"{c.GetProperty("stage").GetString()}/{c.GetProperty("status").GetString()}/{c.GetProperty("assignedAdjudicator")}";
    }

    /// <summary>Sends one request and records what is wrong with the answer: a 5xx (or anything but 2xx/4xx), an error that is not problem details, a missing security header, an anonymous success on the API.</summary>
    private async Task SendAsync(List<string> failures, HttpClient client, string method, string path, HostileBody? body, bool anonymous = false)
    {
        _requests++;
        Uri uri;
        try
        {
            uri = new Uri(path.StartsWith('/') ? path : "/" + path, UriKind.Relative);
        }
        catch (UriFormatException)
        {
            return; // Not a request a client can send.
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body?.Bytes is { } bytes)
        {
            request.Content = new ByteArrayContent(bytes);
            if (body.ContentType is { } contentType && !request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType))
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-memory server cannot carry a NUL in a path; Kestrel refuses such a request line itself.
            _undeliverable++;
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            failures.Add(Describe(method, path, body, $"the request failed: {ex.GetType().Name}: {ex.Message}"));
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var problems = new List<string>();
            if (status is not (>= 200 and < 300 or >= 400 and < 500))
            {
                problems.Add($"status {status}");
            }

            if (anonymous && status < 300 && path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"anonymous caller got {status}");
            }

            // Errors are problem details, but a workspace page's own refusal, which a browser shows, is a page.
            var errorType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 400 && errorType != "application/problem+json" && !(errorType == "text/html" && path.StartsWith("/workspace/", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"error {status} is '{response.Content.Headers.ContentType}', not application/problem+json");
            }

            if (!response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) || !nosniff.Contains("nosniff"))
            {
                problems.Add($"{status} without X-Content-Type-Options: nosniff");
            }

            if (problems.Count > 0)
            {
                var cause = status >= 500 ? " | logged: " + Shorten(LastUnhandledException(), 400) : string.Empty;
                failures.Add(Describe(method, path, body, $"{string.Join("; ", problems)}: {Shorten(text, 300)}{cause}"));
            }

            // A request that changed its case (it was valid): the next request gets a fresh case in that stage.
            if (status < 300 && method != "GET")
            {
                foreach (var (stage, (id, state)) in _cases.Where(c => path.Contains(c.Value.Id.ToString(), StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    if (await StateOf(id) != state)
                    {
                        _cases.Remove(stage);
                    }
                }
            }
        }
    }

    /// <summary>The service's own account of its last unhandled exception (the problem body hides it from callers).</summary>
    private string LastUnhandledException() =>
        Factory.Logs.Lines.LastOrDefault(l => l.Contains("Unhandled exception", StringComparison.Ordinal)) ?? "(nothing logged)";

    private static string Describe(string method, string path, HostileBody? body, string outcome) =>
        $"{method} {Shorten(path, 160)} [{body?.Label ?? "no body"}: {body?.Prefix ?? string.Empty}] → {outcome}";

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + $"… ({s.Length} chars)";

    private void AssertNoFailures(List<string> failures)
    {
        var distinct = failures.Distinct().ToList();
        Assert.That(distinct, Is.Empty, $"{distinct.Count} hostile requests were mishandled (seed {Seed}); the first:\n" + string.Join("\n", distinct.Take(30)));
    }
}
