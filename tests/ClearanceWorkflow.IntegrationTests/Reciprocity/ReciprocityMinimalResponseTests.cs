using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>
/// Minimal by construction: every reciprocity response (match, no match, suspended, expired, revoked,
/// with an exception, out of scope, above the agreement's maximum level, batch) is walked recursively.
/// Any property name outside the documented allow-list, any value that equals something the service
/// knows about the subject (identifier, names, email, address, date of birth, internal ids), and any
/// level or NATO/EU equivalent above the agreement's <c>maxLevel</c> fails the test. The partner's
/// agreement stops at Secret, below some of the holders asked about.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityMinimalResponseTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    /// <summary>The documented properties of reciprocity answers (API.md), and nothing else.</summary>
    public static readonly IReadOnlySet<string> AllowedProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "match", "clearance", "level", "status", "grantedOn", "investigationClosedOn", "grantingAgency", "hasException",
        "eligibleForRequiredLevel", "natoEquivalent", "euEquivalent", "investigationOutOfScope", "results", "correlationId",
    };

    private const string Address = "221B Baker Street, London";

    /// <summary>The agreement's maximum: below the TopSecret holders asked about.</summary>
    private const ClearanceLevel MaxLevel = ClearanceLevel.Secret;

    /// <summary>The properties that name a level, and the level each of their values stands for.</summary>
    private static readonly Dictionary<string, Func<ClearanceLevel, string>> LevelProperties = new Dictionary<string, Func<ClearanceLevel, string>>(StringComparer.Ordinal)
    {
        ["level"] = l => l.ToString(),
        ["natoEquivalent"] = InternationalEquivalents.Nato,
        ["euEquivalent"] = InternationalEquivalents.Eu,
    };

    [Test]
    public async Task EveryReciprocityResponse_Walked_HoldsOnlyAllowedPropertiesAndNoSubjectData()
    {
        // One subject granted through the whole API, with a questionnaire holding an address; others seeded in each status.
        var nationalId = $"GB-{Guid.NewGuid():N}"[..15].ToUpperInvariant();
        var applicantId = NewUser("walt");
        using var applicant = Factory.ClientFor(applicantId, "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        using var adjudicator = Factory.ClientFor(NewUser("adam"), "adjudicator");
        var email = $"{applicantId}@example.org";
        var created = await Driver.ApplyAsync(applicant, "Secret", CaseDriver.Subject("Walker", nationalId, email, "1990-06-30"));
        var caseId = created.GetProperty("id").GetGuid();
        var reference = created.GetProperty("reference").GetString()!;
        await Driver.FillQuestionnaireAsync(applicant, caseId, CaseDriver.Questionnaire(6, address: Address));
        await Driver.ActOkAsync(applicant, caseId, "submit", new { attestation = true });
        await Driver.CompleteChecksAsync(investigator, caseId);
        await Driver.ActOkAsync(adjudicator, caseId, "claim");
        await Driver.RecordFindingOkAsync(adjudicator, caseId, "F", "Minor", mitigated: true, mitigation: "Debts repaid in full.");
        await Driver.ActOkAsync(adjudicator, caseId, "refer-to-decision");
        await Driver.ActOkAsync(adjudicator, caseId, "grant", new { level = "Secret", rationale = "Eligible.", exception = new { type = "Condition", details = "Annual credit check." } });
        var granted = new TestSubject(applicantId, "Jane", "Walker", new DateOnly(1990, 6, 30), nationalId, email);
        var clearanceId = (await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance")).GetProperty("id").GetString()!;

        var suspended = NewSubject("Suspendova");
        var expired = NewSubject("Expiredson");
        var revoked = NewSubject("Revokely");
        var old = NewSubject("Oldham");
        var topSecret = NewSubject("Topsham");
        var seeded = new List<(TestSubject Subject, SeededClearance Clearance)>
        {
            (suspended, await SeedClearanceAsync(suspended, ClearanceLevel.TopSecret, then: (c, now) => c.Suspend("system", "test", now))),
            (expired, await SeedClearanceAsync(expired, ClearanceLevel.Secret, then: (c, now) => c.Expire("system", "test", now))),
            (revoked, await SeedClearanceAsync(revoked, ClearanceLevel.Confidential, then: (c, now) => c.Revoke("system", "test", now))),
            (old, await SeedClearanceAsync(old, ClearanceLevel.Secret, at: TimeProvider.System.GetUtcNow().UtcDateTime.AddYears(-9))),
            (topSecret, await SeedClearanceAsync(topSecret, ClearanceLevel.TopSecret)),
        };
        var unknown = NewSubject("Nobody");
        var (partner, _, partnerId) = await NewPartnerAsync(MaxLevel.ToString());

        var forbidden = new List<string>
        {
            nationalId, nationalId.Replace("-", "", StringComparison.Ordinal), "Walker", "Jane", email, Address, "1990-06-30", applicantId,
            caseId.ToString(), reference, clearanceId, "Annual credit check.", "Debts repaid in full.", "Condition", partnerId,
        };
        foreach (var (subject, clearance) in seeded)
        {
            forbidden.AddRange([subject.NationalId, subject.FamilyName, subject.Email, subject.SubjectId, subject.Dob,
                clearance.CaseId.ToString(), clearance.ClearanceId.ToString(), clearance.Reference, clearance.NationalIdIndex, clearance.NationalIdIndex[..16]]);
        }

        var responses = new Dictionary<string, string>
        {
            ["match (granted through the API, with an exception)"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(granted, requiredLevel: "Secret")),
            ["no match"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(unknown)),
            ["no match (right id, wrong birth date)"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(nationalId, "Walker", "1990-06-29")),
            ["suspended"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(suspended)),
            ["expired"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(expired, requiredLevel: "Confidential")),
            ["revoked"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(revoked)),
            ["out of scope"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(old)),
            ["TopSecret, no required level"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(topSecret)),
            ["TopSecret, required Secret"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(topSecret, requiredLevel: "Secret")),
            ["TopSecret, required Confidential"] = await RawAsync(partner, "/api/v1/reciprocity/queries", QueryBody(topSecret, requiredLevel: "Confidential")),
            ["batch without a required level"] = await RawAsync(partner, "/api/v1/reciprocity/queries/batch", new
            {
                purpose = Purpose,
                subjects = new[] { topSecret, suspended }
                    .Select((s, i) => new { correlationId = $"row-{i}", nationalId = s.NationalId, familyName = s.FamilyName, dateOfBirth = s.Dob }),
            }),
            ["batch"] = await RawAsync(partner, "/api/v1/reciprocity/queries/batch", new
            {
                purpose = Purpose,
                requiredLevel = "Confidential",
                subjects = new[] { granted, suspended, expired, revoked, old, topSecret, unknown }
                    .Select((s, i) => new { correlationId = $"row-{i}", nationalId = s.NationalId, familyName = s.FamilyName, dateOfBirth = s.Dob }),
            }),
        };

        var statuses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in responses)
        {
            var violations = new List<string>();
            Walk(JsonDocument.Parse(text).RootElement, "$", forbidden, MaxLevel, violations, statuses);
            foreach (var value in forbidden.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)))
            {
                violations.Add($"the raw body contains '{value}'");
            }

            Assert.That(violations, Is.Empty, $"{name}: {text}");
        }

        // The walk saw every kind of answer it was meant to see.
        Assert.That(statuses, Is.SupersetOf(new[] { "Active", "Suspended", "Expired", "Revoked" }));
        Assert.That(responses["no match"], Is.EqualTo("""{"match":false}"""));
        var batch = JsonDocument.Parse(responses["batch"]).RootElement.GetProperty("results");
        Assert.That(batch.EnumerateArray().Select(r => r.GetProperty("match").GetBoolean()), Is.EqualTo(new[] { true, true, true, true, true, true, false }));
        partner.Dispose();
    }

    [Test]
    public void AllowList_Walk_FailsOnAnUndocumentedPropertyOrASubjectValue()
    {
        // The walk itself must catch what it is there to catch.
        var violations = new List<string>();
        var statuses = new HashSet<string>();
        Walk(JsonDocument.Parse("""{"match":true,"clearance":{"level":"Secret","subjectId":"x","status":"Active"},"results":[{"correlationId":"AB-1"}]}""").RootElement, "$", ["AB-1"], MaxLevel, violations, statuses);

        Assert.That(violations, Has.Count.EqualTo(2), string.Join("; ", violations));
        Assert.That(violations, Has.Some.Contains("subjectId"));
        Assert.That(violations, Has.Some.Contains("AB-1"));
    }

    [Test]
    public void AllowList_Walk_FailsOnALevelOrEquivalentAboveTheAgreementOrUnknown()
    {
        var violations = new List<string>();
        var statuses = new HashSet<string>();
        Walk(
            JsonDocument.Parse("""
                {"results":[
                  {"clearance":{"level":"TopSecret","natoEquivalent":"COSMIC TOP SECRET","euEquivalent":"TRÈS SECRET UE"}},
                  {"clearance":{"level":"Secret","natoEquivalent":"NATO SECRET","euEquivalent":"SECRET UE"}},
                  {"clearance":{"level":"Confidential","natoEquivalent":"NATO CONFIDENTIAL","euEquivalent":"CONFIDENTIEL UE"}},
                  {"clearance":{"level":"3","natoEquivalent":"COSMIC","euEquivalent":7}}]}
                """).RootElement,
            "$", [], MaxLevel, violations, statuses);

        Assert.That(violations, Has.Count.EqualTo(6), string.Join("; ", violations));
        Assert.That(violations.Take(3), Has.All.Contains("above the agreement's maximum"));
        Assert.That(violations.Skip(3), Has.All.Contains("not a level"));
    }

    private static async Task<string> RawAsync(HttpClient partner, string path, object body)
    {
        var response = await partner.PostAsJsonAsync(path, body);
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static void Walk(JsonElement element, string path, IReadOnlyCollection<string> forbidden, ClearanceLevel maxLevel, List<string> violations, HashSet<string> statuses)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!AllowedProperties.Contains(property.Name))
                    {
                        violations.Add($"{path}.{property.Name} is not in the allow-list");
                    }

                    if (property.Name == "status" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        statuses.Add(property.Value.GetString()!);
                    }

                    if (LevelProperties.TryGetValue(property.Name, out var name))
                    {
                        var level = Enum.GetValues<ClearanceLevel>().Cast<ClearanceLevel?>()
                            .SingleOrDefault(l => property.Value.ValueKind == JsonValueKind.String && name(l!.Value) == property.Value.GetString());
                        if (level is null)
                        {
                            violations.Add($"{path}.{property.Name} is not a level: {property.Value}");
                        }
                        else if (level > maxLevel)
                        {
                            violations.Add($"{path}.{property.Name} is {property.Value}, above the agreement's maximum {maxLevel}");
                        }
                    }

                    Walk(property.Value, $"{path}.{property.Name}", forbidden, maxLevel, violations, statuses);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", forbidden, maxLevel, violations, statuses);
                }

                break;
            case JsonValueKind.String:
                var value = element.GetString()!;
                if (forbidden.Any(f => string.Equals(f, value, StringComparison.OrdinalIgnoreCase)))
                {
                    violations.Add($"{path} holds subject data or an internal id: '{value}'");
                }

                break;
        }
    }
}
