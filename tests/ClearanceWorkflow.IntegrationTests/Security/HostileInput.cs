using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>A request body to send: its bytes and content type (null: none), and a label for failure reports.</summary>
public sealed record HostileBody(string Label, byte[]? Bytes, string? ContentType = "application/json")
{
    public static HostileBody Json(string label, string json, string? contentType = "application/json") => new(label, Encoding.UTF8.GetBytes(json), contentType);

    /// <summary>The first characters, for failure reports.</summary>
    public string Prefix => Bytes is null ? "(no content)" : Escape(Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 120))) + (Bytes.Length > 120 ? $"… ({Bytes.Length} bytes)" : string.Empty);

    private static string Escape(string s) => new([.. s.Select(c => char.IsControl(c) ? '·' : c)]);
}

/// <summary>
/// The hostile inputs of the fuzz test, all drawn from a seeded <see cref="Random"/>: the same seed gives the
/// same requests.
/// </summary>
public static partial class HostileInput
{
    public const int HugeString = 200 * 1024;

    /// <summary>Values for a route parameter: traversal, very long, not a GUID, GUID of nothing, SQL-ish, unicode, empty.</summary>
    public static IReadOnlyList<string> OddRouteValues(Random random) =>
    [
        "../..", "..%2F..", "%2e%2e%2f", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..\\..\\windows", "....//", string.Empty, "a/b", " ",
        new string('a', 5000), new string('9', 5000), "not-a-guid", "123", "-1", "0", "00000000-0000-0000-0000-000000000000",
        NewGuid(random).ToString(), NewGuid(random).ToString("B"), NewGuid(random).ToString().ToUpperInvariant(), NewGuid(random).ToString("N") + "00",
        "' OR '1'='1", "1;DROP TABLE cases;--", "\" OR 1=1 --", "%00", "%ZZ", "%", "null", "undefined", "<script>alert(1)</script>",
        "${jndi:ldap://x/a}", "CON", "ünïcødé-日本語-🙂", "%F0%9F%99%82", "\u202Eevil", "~",
    ];

    /// <summary>Query strings with values of the wrong type, out of range, huge, repeated or odd.</summary>
    public static IReadOnlyList<string> HostileQueries(Random random) =>
    [
        "page=-1", "page=0", "page=abc", "page=1.5", "page=99999999999999999999", "page=2147483647", "page=2147483647&pageSize=200",
        "page=2147483647&pageSize=500", "page=-2147483648", "pageSize=999999", "pageSize=-5", "pageSize=0", "page=1&page=2",
        "from=notadate", "to=notadate", "from=9999-12-31T23:59:59-14:00", "from=0001-01-01T00:00:00%2B14:00", "to=0001-01-01",
        "from=2030-01-01&to=2020-01-01", "caseId=not-a-guid", $"caseId={NewGuid(random)}", "caseId=", "assignedTo=me", "assignedTo=none",
        "assignedTo=" + new string('x', 5000), "assignedTo=%00", "assignedTo=a%0Ab", "userId=%00", "userId=a%0Ab", "userId=" + new string('u', 5000), "stage=%00", "assignedTo=%27%20OR%20%271%27%3D%271", "stage=review", "stage=closed", "stage=%3Bdrop",
        "stage=" + new string('s', 5000), "version=abc", "version=-1", "version=0", "version=2147483648", "version=99",
        "x=" + new string('q', 50000), "%00=%00", "ünï=日本", "a[]=1&a[]=2", "=&&=&", string.Join('&', Enumerable.Range(0, 500).Select(i => $"p{i}={i}")),
    ];

    /// <summary>Bodies whatever the endpoint: random bytes, malformed or truncated JSON, wrong roots, deep nesting, empty, wrong content types.</summary>
    public static IReadOnlyList<HostileBody> GenericBodies(Random random, string? validJson)
    {
        var bodies = new List<HostileBody>();
        foreach (var length in new[] { 1, 17, 256, 4096 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            bodies.Add(new HostileBody($"{length} random bytes", bytes));
        }

        foreach (var text in new[] { "{", "}", "{\"a\":", "[1,2", "{\"a\":1,}", "{'a':1}", "nul", "tru", "\"unterminated", "{\"a\" 1}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":\"\\uZZZZ\"}", "\uFEFF{}", "{}{}", "{\"a\":1}garbage", "//comment\n{}", "/*x*/{}" })
        {
            bodies.Add(HostileBody.Json("malformed JSON", text));
        }

        foreach (var text in new[] { "[]", "[{}]", "\"a string\"", "123", "-1.5e308", "1e400", "true", "false", "null", "{}", "[null]" })
        {
            bodies.Add(HostileBody.Json("wrong root", text));
        }

        if (validJson is not null)
        {
            for (var i = 0; i < 3; i++)
            {
                bodies.Add(HostileBody.Json("truncated valid body", validJson[..random.Next(1, validJson.Length)]));
            }
        }

        bodies.Add(HostileBody.Json("5000 x [", new string('[', 5000) + new string(']', 5000)));
        bodies.Add(HostileBody.Json("5000 x [ unclosed", new string('[', 5000)));
        bodies.Add(HostileBody.Json("5000 x {\"a\":", string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)));
        bodies.Add(HostileBody.Json("5000 x {\"a\": unclosed", string.Concat(Enumerable.Repeat("{\"a\":", 5000))));
        bodies.Add(HostileBody.Json("200 KB string root", "\"" + new string('x', HugeString) + "\""));
        bodies.Add(HostileBody.Json("200 KB object key", "{\"" + new string('k', HugeString) + "\":1}"));
        bodies.Add(HostileBody.Json("20,000 properties", "{" + string.Join(',', Enumerable.Range(0, 20000).Select(i => $"\"p{i}\":{i}")) + "}"));
        bodies.Add(HostileBody.Json("duplicate properties", "{\"a\":1,\"a\":\"x\",\"level\":\"Secret\",\"level\":\"Ultra\"}"));
        bodies.Add(new HostileBody("empty body, JSON content type", []));
        bodies.Add(new HostileBody("no content", null, null));
        bodies.Add(new HostileBody("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]));
        bodies.Add(new HostileBody("UTF-16 JSON", Encoding.Unicode.GetBytes(validJson ?? "{}")));

        var json = validJson ?? "{}";
        foreach (var contentType in new[]
        {
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream",
            "application/json; charset=utf-7", "application/json; charset=bogus", "application/json; charset=utf-16", "application/merge-patch+json",
            "application/problem+json", "*/*", "application/json; boundary=\"x\"; charset=\"utf-8\"", "json", "text/json",
        })
        {
            bodies.Add(HostileBody.Json($"content type {contentType}", json, contentType));
        }

        bodies.Add(HostileBody.Json("valid body without content type", json, null));
        bodies.Add(HostileBody.Json("form body", "a=1&b=2", "application/x-www-form-urlencoded"));
        bodies.Add(HostileBody.Json("xml body", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", "application/xml"));
        return bodies;
    }

    /// <summary>The valid body with one value replaced by a value of another type, size or range, at <paramref name="count"/> places drawn at random.</summary>
    public static IReadOnlyList<HostileBody> Mutations(Random random, string validJson, int count)
    {
        var root = JsonNode.Parse(validJson)!;
        var paths = Paths(root, []).ToList();
        var all = new List<(List<object> Path, string Label, Func<JsonNode?> Value)>();
        foreach (var path in paths)
        {
            all.AddRange(ReplacementsFor(Get(root, path)).Select(r => (path, r.Label, r.Value)));
        }

        // Each place once with text holding NUL and other control characters (stored or queried as plain text,
        // PostgreSQL refuses NUL), once with a replacement drawn at random; then more drawn at random.
        var replacements = Replacements().Select(r => (r.Label, r.Value)).ToList();
        var unicode = replacements.Single(r => r.Label == "unicode");
        var chosen = new List<(List<object> Path, string Label, Func<JsonNode?> Value)>();
        foreach (var path in paths)
        {
            var fitting = ReplacementsFor(Get(root, path)).ToList();
            var (label, value) = fitting[random.Next(fitting.Count)];
            chosen.Add((path, unicode.Label, unicode.Value));
            chosen.Add((path, label, value));
        }

        // Each date and instant once at each end of the calendar (an end date of 9999-12-31 once overflowed date arithmetic).
        foreach (var path in paths.Where(p => Get(root, p) is JsonValue v && v.TryGetValue<string>(out var text) && DateLike().IsMatch(text)))
        {
            string[] labels = Get(root, path)!.GetValue<string>().Contains('T', StringComparison.Ordinal)
                ? ["date min", "date max", "instant min with offset", "instant max with offset"]
                : ["date min", "date max"];
            chosen.AddRange(labels.Select(label => (path, label, replacements.Single(r => r.Label == label).Value)));
        }

        chosen.AddRange(all.OrderBy(_ => random.Next()).Take(count));
        var mutations = new List<HostileBody>();
        foreach (var (path, label, value) in chosen)
        {
            var copy = JsonNode.Parse(validJson)!;
            Set(copy, path, value());
            mutations.Add(HostileBody.Json($"{Describe(path)} := {label}", copy.ToJsonString()));
        }

        // Every value (not object or array) at once.
        foreach (var label in new[] { "null", "number", "true", "unicode", "unknown enum", "array", "nested object", "date max" })
        {
            var copy = JsonNode.Parse(validJson)!;
            var replaced = 0;
            foreach (var path in paths.Where(p => Get(copy, p) is JsonValue))
            {
                if (ReplacementsFor(Get(copy, path)).FirstOrDefault(r => r.Label == label) is { Value: { } value })
                {
                    Set(copy, path, value());
                    replaced++;
                }
            }

            if (replaced > 0)
            {
                mutations.Add(HostileBody.Json($"every value := {label}", copy.ToJsonString()));
            }
        }

        // Every property at once of the wrong type, and extra unknown properties.
        foreach (var (label, value) in new (string, Func<JsonNode?>)[] { ("number", () => 42), ("array", () => new JsonArray(1, 2)), ("object", () => new JsonObject { ["a"] = new JsonObject { ["b"] = "c" } }) })
        {
            var copy = JsonNode.Parse(validJson)!;
            foreach (var path in paths.Where(p => p.Count == 1))
            {
                Set(copy, path, value());
            }

            mutations.Add(HostileBody.Json($"every property := {label}", copy.ToJsonString()));
        }

        if (root is JsonObject)
        {
            var extra = JsonNode.Parse(validJson)!.AsObject();
            extra["__proto__"] = new JsonObject { ["admin"] = true };
            extra["id"] = "00000000-0000-0000-0000-000000000000";
            extra["subjectId"] = "someone-else";
            extra["assignedAdjudicator"] = "me";
            extra["roles"] = new JsonArray("admin");
            mutations.Add(HostileBody.Json("unknown and over-posted properties", extra.ToJsonString()));
        }

        return mutations;
    }

    /// <summary>The replacements worth trying for a value: free text takes any string, so plain strings are left out there.</summary>
    private static IEnumerable<(string Label, Func<JsonNode?> Value)> ReplacementsFor(JsonNode? original)
    {
        var freeText = original is JsonValue v && v.TryGetValue<string>(out var text)
            && !EnumLike().IsMatch(text) && !DateLike().IsMatch(text);
        return Replacements().Where(r => !(freeText && r.PlainString)).Select(r => (r.Label, r.Value));
    }

    /// <summary>The replacement values. <c>PlainString</c>: a string that free text accepts as it is.</summary>
    private static IEnumerable<(string Label, bool PlainString, Func<JsonNode?> Value)> Replacements() =>
    [
        ("null", false, () => null),
        ("number", false, () => 12345),
        ("negative number", false, () => -1),
        ("huge number", false, () => JsonNode.Parse("1e400")),
        ("int overflow", false, () => 2147483648L),
        ("decimal", false, () => 0.5),
        ("true", false, () => true),
        ("string", true, () => "a string"),
        ("empty string", false, () => string.Empty),
        ("200 KB string", false, () => new string('x', HugeString)),
        ("unicode", false, () => "ünïcødé 日本語 🙂 \u0000 \u202E"),
        ("SQL", false, () => "'; DROP TABLE cases; --"),
        ("unknown enum", true, () => "NotAValue"),
        ("lower-case enum", true, () => "secret"),
        ("integer enum", false, () => 1),
        ("date min", true, () => "0001-01-01"),
        ("date max", true, () => "9999-12-31"),
        ("impossible date", true, () => "2024-02-30"),
        ("instant min with offset", true, () => "0001-01-01T00:00:00+14:00"),
        ("instant max with offset", true, () => "9999-12-31T23:59:59-14:00"),
        ("array", false, () => new JsonArray("a", 1, null)),
        ("empty array", false, () => new JsonArray()),
        ("array of 10,000", false, () => new JsonArray([.. Enumerable.Range(0, 10000).Select(i => (JsonNode?)JsonValue.Create($"item {i}"))])),
        ("nested object", false, () => new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonObject { ["c"] = "d" } } }),
        ("empty object", false, () => new JsonObject()),
    ];

    [GeneratedRegex("^[A-Z][A-Za-z]*$")]
    private static partial Regex EnumLike();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateLike();

    private static IEnumerable<List<object>> Paths(JsonNode? node, List<object> prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    List<object> path = [.. prefix, key];
                    yield return path;
                    foreach (var inner in Paths(value, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    List<object> path = [.. prefix, i];
                    yield return path;
                    foreach (var inner in Paths(a[i], path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static JsonNode? Get(JsonNode root, List<object> path)
    {
        JsonNode? node = root;
        foreach (var step in path)
        {
            node = node switch
            {
                JsonArray a when step is int i && i < a.Count => a[i],
                JsonObject o when step is string key => o[key],
                _ => null,
            };
        }

        return node;
    }

    private static void Set(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is int i ? parent![i]! : parent![(string)step]!;
        }

        if (path[^1] is int index)
        {
            parent!.AsArray()[index] = value;
        }
        else
        {
            parent!.AsObject()[(string)path[^1]] = value;
        }
    }

    private static string Describe(List<object> path) => string.Concat(path.Select(p => p is int i ? $"[{i}]" : $".{p}")).TrimStart('.');

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
