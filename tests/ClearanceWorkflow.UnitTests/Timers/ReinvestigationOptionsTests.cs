using ClearanceWorkflow.Application.Features.Timers;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.UnitTests.Timers;

public sealed class ReinvestigationOptionsTests
{
    [Test]
    public void ReminderDays_Configured_ReplaceTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reinvestigation:ReminderDays:0"] = "60",
            ["Reinvestigation:ReminderDays:1"] = "7",
        }).Build();

        var options = configuration.GetSection("Reinvestigation").Get<ReinvestigationOptions>()!;

        Assert.That(options.Thresholds, Is.EqualTo(new[] { 60, 7 }));
    }

    [Test]
    public void ReminderDays_Unset_180_90_30()
    {
        var options = new ConfigurationBuilder().Build().GetSection("Reinvestigation").Get<ReinvestigationOptions>() ?? new ReinvestigationOptions();

        Assert.That(options.Thresholds, Is.EqualTo(new[] { 180, 90, 30 }));
    }

    [TestCase(90, new[] { 30, 60 })]
    [TestCase(45, new[] { 30 })]
    [TestCase(0, new int[0])]
    public void EscalationDays_Unset_30And60WithinTheGrace(int graceDays, int[] expected)
    {
        Assert.That(new ReinvestigationOptions { GraceDays = graceDays }.Escalations, Is.EqualTo(expected));
    }

    [Test]
    public void EscalationDays_Configured_ReplaceTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reinvestigation:EscalationDays:0"] = "10" }).Build();

        Assert.That(configuration.GetSection("Reinvestigation").Get<ReinvestigationOptions>()!.Escalations, Is.EqualTo(new[] { 10 }));
    }
}
