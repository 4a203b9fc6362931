using System.Globalization;
using System.Net;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>The service's <c>/metrics</c> (Prometheus text) read as series to value.</summary>
public static class PrometheusScrape
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return text;
    }

    /// <summary>Prometheus text as series (name with labels) to value; a timestamp after the value is ignored.</summary>
    public static Dictionary<string, double> Samples(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l =>
            {
                var end = l.Contains('{', StringComparison.Ordinal) ? l.LastIndexOf('}') + 1 : l.IndexOf(' ', StringComparison.Ordinal);
                return (Series: l[..end], Value: l[end..].Trim().Split(' ')[0]);
            })
            .GroupBy(s => s.Series)
            .ToDictionary(g => g.Key, g => double.Parse(g.Last().Value, CultureInfo.InvariantCulture));

    public static double Value(Dictionary<string, double> samples, string name, params string[] labels) =>
        samples.Where(s => s.Key.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => s.Key.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);
}
