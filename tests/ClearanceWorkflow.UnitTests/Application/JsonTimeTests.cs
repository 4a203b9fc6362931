using System.Text.Json;
using ClearanceWorkflow.Application.Common;

namespace ClearanceWorkflow.UnitTests.Application;

/// <summary>
/// Times in request bodies are UTC whatever the host's time zone: the zone is set (TZ) for these tests, as an
/// operator's host may have it, and put back after.
/// </summary>
[NonParallelizable]
public sealed class JsonTimeTests
{
    private string? _zone;

    private sealed record Body(DateTimeOffset? ScheduledAt);

    private sealed record Digest(DateTime At);

    [SetUp]
    public void AwayFromUtc()
    {
        _zone = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "America/New_York");
        TimeZoneInfo.ClearCachedData();
        Assert.That(TimeZoneInfo.Local.BaseUtcOffset, Is.EqualTo(TimeSpan.FromHours(-5)), "the host's zone could not be set for the test");
    }

    [TearDown]
    public void BackToTheHostsZone()
    {
        Environment.SetEnvironmentVariable("TZ", _zone);
        TimeZoneInfo.ClearCachedData();
    }

    [TestCase("2027-03-01T10:00:00", "2027-03-01T10:00:00.0000000+00:00")]
    [TestCase("2027-03-01", "2027-03-01T00:00:00.0000000+00:00")]
    [TestCase("2027-03-01T10:00:00Z", "2027-03-01T10:00:00.0000000+00:00")]
    [TestCase("2027-03-01T10:00:00+02:00", "2027-03-01T10:00:00.0000000+02:00")]
    public void Read_ATimeWithoutAnOffset_IsUtc_NotTheHostsZone(string sent, string read)
    {
        var body = JsonSerializer.Deserialize<Body>($$"""{"scheduledAt":"{{sent}}"}""", Json.Options)!;

        Assert.That(body.ScheduledAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(read));
    }

    [TestCase("\"soon\"")]
    [TestCase("\"2027-02-30T10:00:00\"")]
    [TestCase("20270301")]
    public void Read_NotATime_Refused(string sent) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>($$"""{"scheduledAt":{{sent}}}""", Json.Options));

    [TestCase("2026-11-29T13:07:40.123456", "2026-11-29T13:07:40.1234560Z")]
    [TestCase("2026-11-29T13:07:40.123456Z", "2026-11-29T13:07:40.1234560Z")]
    [TestCase("2026-11-29T18:07:40.123456+05:00", "2026-11-29T13:07:40.1234560Z")]
    public void Read_ADateTime_IsTheUtcInstantItNames(string sent, string read)
    {
        var digest = JsonSerializer.Deserialize<Digest>($$"""{"at":"{{sent}}"}""", Json.Options)!;

        Assert.That((digest.At.Kind, digest.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo((DateTimeKind.Utc, read)));
    }
}
