using CodeSight.Server.Cli;
using CodeSight.Server.Simulation;
using CodeSight.Server.Web;
using Microsoft.Playwright;

namespace CodeSight.Server.Tests.Support;

/// <summary>
/// A running demo (race, pit-wall sight points, live server on 127.0.0.1:0) and a headless chromium, shared by the
/// dashboard tests of one class. Each test opens its own page.
/// </summary>
public sealed class DemoDashboard : IAsyncLifetime
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "codesight-chromium-" + Guid.NewGuid().ToString("n"));
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), "codesight-demo-ledger-" + Guid.NewGuid().ToString("n") + ".db");
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    internal DemoHost Demo { get; private set; } = null!;

    /// <summary>The demo's ledger file (tests may alter a row, as an attacker with sqlite3 would, and put it back).</summary>
    public string LedgerPath => _ledger;

    public IBrowserContext Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        Demo = await DemoHost.StartAsync(new SimulationOptions(3, TimeSpan.FromMilliseconds(100), 0.1, 7), 1.0,
            new ServerSettings { Port = 0, DiscoveryFile = false, StatsInterval = TimeSpan.FromMilliseconds(250) }, ledgerPath: _ledger);
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            // Only reached on CI (elsewhere the facts are skipped): say plainly what is missing.
            throw new InvalidOperationException($"CI is set but there is no browser at {BrowserFactAttribute.ChromiumPath}; .ci/run installs chromium.");
        }

        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
    }

    /// <summary>A new page on the dashboard, opened with the token (so commands are allowed) and connected.</summary>
    public async Task<IPage> OpenAsync(string colorScheme = "dark")
    {
        // One page at a time: pages left open would keep rendering the live stream and slow the next test.
        foreach (var open in Browser.Pages.ToList()) await open.CloseAsync();
        var page = await Browser.NewPageAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = colorScheme == "light" ? ColorScheme.Light : ColorScheme.Dark });
        await page.GotoAsync(Demo.Server!.UrlWithToken.ToString());
        await Assertions.Expect(page.Locator("#conn")).ToHaveTextAsync("live");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Demo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_ledger) + "*")) File.Delete(file);
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the system.
        }
    }
}
