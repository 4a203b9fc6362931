using Deque.AxeCore.Playwright;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Playwright;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// Playwright driving Debian's Chromium (<c>/usr/bin/chromium</c>, installed by test.sh; Playwright's own browser
/// download cannot work here), headless. <c>CLEARANCE_TEST_CHROMIUM</c> names another executable.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CLEARANCE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.That(File.Exists(executable), Is.True, $"{executable} is missing: install Debian's chromium package (test.sh does)");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh browser (no cookies) at the service's address.</summary>
    public async Task<IPage> NewPageAsync(Uri service)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>axe-core on the page as it is: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.That(serious, Is.Empty, $"axe found serious or critical violations on {page.Url}");
    }

    /// <summary>
    /// A full-page screenshot for docs/workspace.md, under docs/images/, when <c>CLEARANCE_TEST_SCREENSHOTS=1</c>
    /// (so that ordinary runs leave the committed pictures alone).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CLEARANCE_TEST_SCREENSHOTS") != "1")
        {
            return;
        }

        var directory = Path.Combine(Tools.RepositoryRoot, "docs", "images");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"workspace-{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
