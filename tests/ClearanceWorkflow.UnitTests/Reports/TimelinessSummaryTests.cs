using ClearanceWorkflow.Application.Features.Reports;

namespace ClearanceWorkflow.UnitTests.Reports;

/// <summary>The fastest-90% average (the fastest ceil(0.9·n)) and the nearest-rank percentiles, in days to one decimal.</summary>
public sealed class TimelinessSummaryTests
{
    private static Timeliness.PhaseFigures Summarize(params double[] days) => Timeliness.Summarize("investigation", days, 40);

    [Test]
    public void Summarize_NoDurations_CountZeroAndNoFigures()
    {
        Assert.That(Summarize(), Is.EqualTo(new Timeliness.PhaseFigures("investigation", 0, null, null, null, 40)));
    }

    [Test]
    public void Summarize_OneDuration_ThatDurationEverywhere()
    {
        Assert.That(Summarize(12.25), Is.EqualTo(new Timeliness.PhaseFigures("investigation", 1, 12.3m, 12.3m, 12.3m, 40)));
    }

    [Test]
    public void Summarize_TenDurations_DropsTheSlowestOne()
    {
        // ceil(0.9 * 10) = 9: (1 + .. + 9) / 9 = 5.0; p50 rank 5 = 5; p90 rank 9 = 9. Unsorted input.
        Assert.That(Summarize(100, 9, 8, 7, 6, 5, 4, 3, 2, 1), Is.EqualTo(new Timeliness.PhaseFigures("investigation", 10, 5.0m, 5m, 9m, 40)));
    }

    [Test]
    public void Summarize_ElevenDurations_RoundsTheCountUpAndKeepsTen()
    {
        // ceil(0.9 * 11) = ceil(9.9) = 10: (1 + .. + 10) / 10 = 5.5; p50 rank ceil(5.5) = 6; p90 rank ceil(9.9) = 10.
        Assert.That(Summarize(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000), Is.EqualTo(new Timeliness.PhaseFigures("investigation", 11, 5.5m, 6m, 10m, 40)));
    }

    [Test]
    public void Summarize_HalfwayAverage_RoundsAwayFromZero()
    {
        // (0.2 + 0.3) / 2 = 0.25 -> 0.3 (rounding to even would give 0.2).
        Assert.That(Summarize(0.2, 0.3).AverageDaysFastest90, Is.EqualTo(0.3m));
    }

    [TestCase(0, 0, null)]
    [TestCase(1, 5, 0.167)]
    [TestCase(1, 1, 0.5)]
    [TestCase(3, 0, 1.0)]
    [TestCase(0, 4, 0.0)]
    [TestCase(1, 1999, 0.001)] // 0.0005 rounds away from zero (to even would give 0.000)
    public void Rate_UnfavourableShareToThreeDecimals(int unfavourable, int favourable, double? expected)
    {
        Assert.That(Timeliness.Rate(unfavourable, favourable), Is.EqualTo(expected is { } e ? (decimal?)Math.Round((decimal)e, 3) : null));
    }
}
