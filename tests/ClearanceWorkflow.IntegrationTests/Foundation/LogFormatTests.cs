using System.Text.Json;
using System.Text.RegularExpressions;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>Console logs: one readable line per entry in Development, one JSON object per entry elsewhere.</summary>
public sealed partial class LogFormatTests
{
    [TestCase("Development", "simple")]
    [TestCase("Production", "json")]
    [TestCase("Staging", "json")]
    public async Task ConsoleFormatter_ByEnvironment_ReadableInDevelopmentJsonElsewhere(string environment, string expected)
    {
        var dataPath = Directory.CreateTempSubdirectory("clearance-logs-").FullName;
        try
        {
            string[] args = [$"--environment={environment}", $"--DataPath={dataPath}", .. new TestKeys().Settings().Select(s => $"--{s.Key}={s.Value}")];
            await using var app = ApiHost.Build(args);
            var formatterName = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
            Assert.That(formatterName, Is.EqualTo(expected));

            var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == formatterName);
            using var writer = new StringWriter();
            var entry = new LogEntry<string>(LogLevel.Information, "ClearanceWorkflow.Sample", new EventId(7), "Handled Submit.Command in 3.0 ms", null, (s, _) => s);
            formatter.Write(in entry, null, writer);
            var line = writer.ToString();
            if (expected == "simple")
            {
                Assert.That(line, Does.Match(SimpleLine()), line);
            }
            else
            {
                var json = JsonDocument.Parse(line).RootElement;
                Assert.That(json.GetProperty("Category").GetString(), Is.EqualTo("ClearanceWorkflow.Sample"));
                Assert.That(json.GetProperty("Message").GetString(), Is.EqualTo("Handled Submit.Command in 3.0 ms"));
            }
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d info: ClearanceWorkflow\.Sample\[7\] Handled Submit\.Command in 3\.0 ms\r?\n$")]
    private static partial Regex SimpleLine();
}
