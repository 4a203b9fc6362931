using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>One row of <c>authorization-matrix.csv</c>: a call, who makes it on which case, and the status expected.</summary>
public sealed record MatrixRow(int Line, string Method, string Route, string Role, string Relation, string Stage, int Expected, string Note)
{
    /// <summary>The route without its query string.</summary>
    public string Path => Route.Split('?')[0];

    /// <summary>Whether the row needs a prepared case (the caller's relation to it, or <c>{id}</c>).</summary>
    public bool NeedsCase => Stage is not (AuthorizationMatrix.NoCase or AuthorizationMatrix.UnknownCase);

    /// <summary>Whether the row is about a partner (the partner caller's own, or <c>{partnerId}</c>), whose agreement the relation names.</summary>
    public bool NeedsPartner => AuthorizationMatrix.PartnerRelations.Contains(Relation);

    /// <summary>The test's name: the line and the whole row, so a failing rule is read off the test list.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"L{Line:D3} {Method} {Route.Replace("/api/v1", string.Empty, StringComparison.Ordinal).Replace("{id}", ":id", StringComparison.Ordinal).Replace("{partnerId}", ":partnerId", StringComparison.Ordinal)} as {Role} {Relation} in {Stage} is {Expected}");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Method} {Route} as {Role} ({Relation}) in stage {Stage}, expected {Expected} ({Note})");
}

/// <summary>Reads the matrix and the request bodies kept next to the tests (copied to the output folder).</summary>
public static class AuthorizationMatrix
{
    public const string FileName = "authorization-matrix.csv";
    public const string BodiesFileName = "authorization-bodies.json";

    public const string Anonymous = "anonymous";
    public const string Applicant = "applicant";
    public const string Adjudicator = "adjudicator";
    public const string SeniorAdjudicator = "senior-adjudicator";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public const string Own = "own";
    public const string Other = "other";
    public const string Assigned = "assigned";
    public const string Unassigned = "unassigned";
    public const string NoRelation = "-";

    /// <summary>The partner is registered with an agreement that permits the reciprocity bodies' purpose and level.</summary>
    public const string Agreement = "agreement";

    /// <summary>No partner is registered under the partner id. This and the relations below are named after the agreement rule that refuses them.</summary>
    public const string UnknownPartner = "unknown-partner";
    public const string AgreementInactive = "agreement-inactive";
    public const string AgreementExpired = "agreement-expired";
    public const string PurposeNotAllowed = "purpose-not-allowed";
    public const string LevelAboveAgreement = "level-above-agreement";

    /// <summary>The relations that register (or, for unknown-partner, only name) a fresh partner for the row: see <see cref="MatrixPartners"/>.</summary>
    public static readonly string[] PartnerRelations =
        [Agreement, UnknownPartner, AgreementInactive, AgreementExpired, PurposeNotAllowed, LevelAboveAgreement];

    /// <summary>No case is prepared.</summary>
    public const string NoCase = "-";

    /// <summary><c>{id}</c> is a GUID of no case.</summary>
    public const string UnknownCase = "none";

    public static readonly string[] Roles =
        [Anonymous, Applicant, "security-officer", "investigator", Adjudicator, SeniorAdjudicator, Partner, "auditor", Admin];

    public static readonly string[] Relations = [Own, Other, Assigned, Unassigned, NoRelation, .. PartnerRelations];

    /// <summary>The stages a case can be prepared in, in lifecycle order (see the CSV header).</summary>
    public static readonly string[] CaseStages =
        ["application", "background-check", "interim", "review", "review-assigned", "review-awaiting", "interview", "decision", "denial-pending",
         "due-process-awaiting", "due-process", "due-process-claimed", "appeal-awaiting", "appeal", "closed"];

    /// <summary>Stages whose case has an assignee, so that a caller can be <c>assigned</c>.</summary>
    public static readonly string[] StagesWithAssignee = CaseStages[4..];

    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static readonly int[] Statuses = [200, 201, 204, 400, 401, 403, 404, 409];

    private static readonly Lazy<IReadOnlyList<MatrixRow>> LoadedRows = new(() => Parse(File.ReadAllLines(PathOf(FileName))));

    private static readonly Lazy<JsonObject> LoadedBodies = new(() => JsonNode.Parse(File.ReadAllText(PathOf(BodiesFileName)))!.AsObject());

    public static IReadOnlyList<MatrixRow> Rows => LoadedRows.Value;

    public static string PathOf(string fileName) => System.IO.Path.Combine(AppContext.BaseDirectory, "Security", fileName);

    /// <summary>
    /// The valid body for a call: the entry for <c>METHOD route</c>, else for <c>METHOD pattern</c>; <c>{unique}</c>
    /// becomes <paramref name="unique"/>, <c>{inAWeek}</c> the instant a week from now. Null when there is none.
    /// </summary>
    public static string? BodyFor(string method, string path, string? pattern, string unique)
    {
        var bodies = LoadedBodies.Value;
        var node = bodies[$"{method} {path}"] ?? (pattern is null ? null : bodies[$"{method} {pattern}"]);
        var inAWeek = TimeProvider.System.GetUtcNow().AddDays(7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return node?.ToJsonString().Replace("{unique}", unique, StringComparison.Ordinal).Replace("{inAWeek}", inAWeek, StringComparison.Ordinal);
    }

    /// <summary>Every body in the file, by key (the fuzz test mutates them).</summary>
    public static IReadOnlyDictionary<string, JsonNode> Bodies =>
        LoadedBodies.Value.Where(p => !p.Key.StartsWith("//", StringComparison.Ordinal) && p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);

    /// <summary>RFC 4180 CSV; blank lines and lines starting with <c>#</c> are skipped; the first other line is the header.</summary>
    public static IReadOnlyList<MatrixRow> Parse(IReadOnlyList<string> lines)
    {
        var rows = new List<MatrixRow>();
        string[]? header = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = Fields(line, i + 1);
            if (header is null)
            {
                header = fields;
                string[] expected = ["method", "route", "role", "relation", "stage", "expected", "note"];
                if (!header.SequenceEqual(expected))
                {
                    throw new FormatException($"{FileName}: the header must be {string.Join(',', expected)}");
                }

                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new FormatException($"{FileName} line {i + 1}: {fields.Length} fields, expected {header.Length}");
            }

            if (!int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                throw new FormatException($"{FileName} line {i + 1}: expected '{fields[5]}' is not a status code");
            }

            rows.Add(new MatrixRow(i + 1, fields[0], fields[1], fields[2], fields[3], fields[4], status, fields[6]));
        }

        return rows;
    }

    private static string[] Fields(string line, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            throw new FormatException($"{FileName} line {number}: unterminated quoted field");
        }

        fields.Add(field.ToString());
        return [.. fields.Select(f => f.Trim())];
    }
}
