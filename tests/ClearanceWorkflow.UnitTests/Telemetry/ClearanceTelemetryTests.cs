using System.Diagnostics.Metrics;
using ClearanceWorkflow.Application.Common;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.UnitTests.Telemetry;

public class ClearanceTelemetryTests
{
    [Test]
    public void LedgerSealed_Lag_RecordedInSecondsNeverBelowZero()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new ClearanceTelemetry(services.GetRequiredService<IMeterFactory>(), services.GetRequiredService<IServiceScopeFactory>(), TimeSpan.Zero);
        var recorded = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == telemetry.Meter && instrument.Name == "clearance.ledger.sealing_lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => recorded.Add(value));
        listener.Start();

        telemetry.LedgerSealed(TimeSpan.FromMilliseconds(2500));
        telemetry.LedgerSealed(TimeSpan.FromSeconds(-1));

        Assert.That(recorded, Is.EqualTo(new[] { 2.5, 0 }));
    }

    [Test]
    public void ThrottledReading_WithinInterval_ReadsOnce()
    {
        var reads = 0;
        var reading = new ThrottledReading<int>(TimeSpan.FromHours(1), () => ++reads);
        Assert.That(new[] { reading.Get(), reading.Get(), reading.Get() }, Is.All.EqualTo(1));
        Assert.That(reads, Is.EqualTo(1));
    }

    [Test]
    public void ThrottledReading_ZeroInterval_ReadsEveryTime()
    {
        var reads = 0;
        var reading = new ThrottledReading<int>(TimeSpan.Zero, () => ++reads);
        Assert.That(new[] { reading.Get(), reading.Get() }, Is.EqualTo(new[] { 1, 2 }));
    }
}
