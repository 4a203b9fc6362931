using System.Net;
using System.Text.Json;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
internal static class Problems
{
    public const string MediaType = "application/problem+json";

    /// <summary>The response has <paramref name="status"/>, is <c>application/problem+json</c>, and its body's <c>status</c> agrees.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{request}: {text}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(MediaType), $"{request}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status), text);
        return body;
    }

    /// <summary>A 400 problem whose <c>errors</c> map is a non-empty object of property to non-empty message arrays.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response)
    {
        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(body.TryGetProperty("errors", out var errors), Is.True, body.ToString());
        Assert.That(errors.ValueKind, Is.EqualTo(JsonValueKind.Object), body.ToString());
        var entries = errors.EnumerateObject().ToList();
        Assert.That(entries, Is.Not.Empty, body.ToString());
        foreach (var entry in entries)
        {
            Assert.That(entry.Value.ValueKind, Is.EqualTo(JsonValueKind.Array), body.ToString());
            Assert.That(entry.Value.GetArrayLength(), Is.GreaterThan(0), body.ToString());
        }

        return body;
    }
}
