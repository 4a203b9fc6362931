using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Verification;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ClearanceWorkflow.UnitTests.Jobs;

public sealed class JobSettingsTests
{
    [TestCase("0 2 * * *", "0 2 * * *")]
    [TestCase("30 0 2 * * *", "30 0 2 * * *")]
    [TestCase("0 0 2 * * ?", "0 0 2 * * *")]
    [TestCase("0 0 2 ? * 2", "0 0 2 * * 1")]
    [TestCase("0 0 2 ? * 1,7", "0 0 2 * * 0,6")]
    [TestCase("0 0 2 ? * 6#3", "0 0 2 * * 5#3")]
    [TestCase("0 0 2 * * ? *", "0 0 2 * * *")]
    [TestCase("0 0 2 ? * 2L", "0 0 2 * * 1L")]
    [TestCase("0 0 2 ? * 7L", "0 0 2 * * 6L")]
    [TestCase("0 0 2 ? * 2-6", "0 0 2 * * 1-5")]
    [TestCase("0 0 2 ? * 1/2", "0 0 2 * * 0/2")]
    public void ToHangfireCron_QuartzOrCron_HangfireCron(string configured, string expected) =>
        Assert.That(JobSettings.ToHangfireCron(configured), Is.EqualTo(expected));

    [Test]
    public void ToHangfireCron_QuartzYear_RefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JobSettings.ToHangfireCron("0 0 0 1 1 ? 2099"));
        Assert.That(error!.Message, Does.Contain("Jobs__ReinvestigationCron").And.Contain("2099"));
    }

    [Test]
    public void From_DispatchConcurrency_BoundAndRefusedBelowOne()
    {
        Assert.That(JobSettings.From(Configuration("6")).DispatchConcurrency, Is.EqualTo(6));
        var error = Assert.Throws<InvalidOperationException>(() => JobSettings.From(Configuration("0")));
        Assert.That(error!.Message, Does.Contain("Jobs__DispatchConcurrency"));

        static IConfiguration Configuration(string value) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:DispatchConcurrency"] = value }).Build();
    }

    [Test]
    public void CheckRetryDelay_Exponential_CappedAtMaxWithJitterInWholeSeconds()
    {
        var options = new VerificationOptions { JobRetryDelay = TimeSpan.FromSeconds(30), JobRetryMaxDelay = TimeSpan.FromMinutes(2) };

        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 1, 0.5), Is.EqualTo(30));
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 2, 0.5), Is.EqualTo(60));
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 5, 0.5), Is.EqualTo(120), "capped");
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 5, 0.999), Is.EqualTo(120), "the jitter never passes the maximum");
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 5, 0.0), Is.EqualTo(96), "but spreads retries below it");
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 1, 0.0), Is.EqualTo(24), "-20 %");
        Assert.That(JobFilters.CheckRetryDelaySeconds(options, 1, 0.999), Is.EqualTo(36), "+20 %");
        Assert.That(JobFilters.CheckRetryDelaySeconds(new VerificationOptions { JobRetryDelay = TimeSpan.FromMilliseconds(50) }, 1, 0.0), Is.EqualTo(1), "at least a second");
    }

    [Test]
    public void PostgresOptions_SlidingInvisibilityAndPollingWithoutLongPolling()
    {
        var settings = new JobSettings { InvisibilityTimeout = TimeSpan.FromMinutes(7), PollInterval = TimeSpan.FromMilliseconds(300) };
        var options = JobRegistration.PostgresOptions(settings);

        // Long polling (LISTEN/NOTIFY) lost a fetched job now and then in Hangfire.PostgreSql 1.21.1 (ADR 10).
        Assert.That(options.EnableLongPolling, Is.False);
        Assert.That(options.UseSlidingInvisibilityTimeout, Is.True);
        Assert.That((options.InvisibilityTimeout, options.QueuePollInterval, options.SchemaName), Is.EqualTo((TimeSpan.FromMinutes(7), TimeSpan.FromMilliseconds(300), "hangfire")));
    }

    [Test]
    public void PostgresConnectionString_HangfiresPoolSkipsTheSessionReset()
    {
        var service = "Host=127.0.0.1;Database=clearance;Max Auto Prepare=64";
        var hangfire = new NpgsqlConnectionStringBuilder(JobRegistration.PostgresConnectionString(service));
        Assert.That((hangfire.NoResetOnClose, hangfire.Host, hangfire.Database, hangfire.MaxAutoPrepare), Is.EqualTo((true, "127.0.0.1", "clearance", 64)));
    }

    [TestCase("No Reset On Close=false", false)]
    [TestCase("noresetonclose=true", true)]
    public void PostgresConnectionString_SettingNoResetOnClose_KeepsTheOperatorsValue(string setting, bool expected) =>
        Assert.That(new NpgsqlConnectionStringBuilder(JobRegistration.PostgresConnectionString($"Host=127.0.0.1;Database=clearance;{setting}")).NoResetOnClose, Is.EqualTo(expected));
}
