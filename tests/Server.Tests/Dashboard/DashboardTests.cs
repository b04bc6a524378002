using CodeSight.Actors;
using CodeSight.Engine.Sinks;
using CodeSight.Server.Tests.Support;
using Microsoft.Playwright;

namespace CodeSight.Server.Tests.Dashboard;

public sealed class DashboardTests : IClassFixture<DemoDashboard>
{
    private readonly DemoDashboard _demo;

    public DashboardTests(DemoDashboard demo) => _demo = demo;

    [BrowserFact]
    public async Task ThePageLoadsAndLiveItemsArrive()
    {
        var page = await _demo.OpenAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("CodeSight · live");
        await Assertions.Expect(page.Locator("#stream .row[data-kind='observation']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#stream .row[data-kind='trail']").First).ToBeVisibleAsync();
        // Live, not only the backlog: the highest sequence number on screen keeps growing.
        var first = await HighestSequenceAsync(page);
        await page.WaitForFunctionAsync($"() => Math.max(...[...document.querySelectorAll('#stream .row')].map(r => +r.dataset.seq)) > {first}");
        await Assertions.Expect(page.Locator(".card[data-stat='signals'] .value")).Not.ToHaveTextAsync("–");
        Assert.False(page.Url.Contains("token=", StringComparison.Ordinal), "the token stayed in the address bar");
    }

    [BrowserFact]
    public async Task AModalityFilterLeavesOnlyThatModalityInTheStream()
    {
        var page = await _demo.OpenAsync();
        await Assertions.Expect(page.Locator("#stream .row[data-modality='planning']").First).ToBeVisibleAsync();
        await page.SelectOptionAsync("#filter-modality", "planning");
        await Assertions.Expect(page.Locator("#stream .row").First).ToHaveAttributeAsync("data-modality", "planning");
        var modalities = await page.Locator("#stream .row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.modality ?? 'none')");
        Assert.NotEmpty(modalities);
        Assert.All(modalities, m => Assert.Equal("planning", m));
    }

    [BrowserFact]
    public async Task ATextFilterMatchesNamesAndMessages()
    {
        var page = await _demo.OpenAsync();
        await Assertions.Expect(page.Locator("#stream .row[data-point='tyre_model']").First).ToBeVisibleAsync();
        await page.FillAsync("#filter-text", "tyre_model");
        var names = await page.Locator("#stream .row .name").AllTextContentsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains("tyre", n, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task ASightPointToggledOffStopsProducingUntilToggledOn()
    {
        var page = await _demo.OpenAsync();
        var sight = _demo.Demo.Engine.Sight;
        var radio = page.Locator("#points tr[data-point='track_vision']");
        await Assertions.Expect(radio).ToHaveAttributeAsync("data-enabled", "true");
        await radio.Locator("label.switch").ClickAsync();
        await Assertions.Expect(radio).ToHaveAttributeAsync("data-enabled", "false");
        Assert.False(sight.IsEnabled("track_vision"));
        try
        {
            var seen = await SeenAsync(page, "track_vision");
            var planning = await SeenAsync(page, "pit_strategy");
            // Three more laps of the pit-wall loop (each measures pit_strategy once) without a single vision observation.
            await page.WaitForFunctionAsync($"() => +document.querySelector(\"#points tr[data-point='pit_strategy'] td.seen\").dataset.seen >= {planning + 3}");
            Assert.Equal(seen, await SeenAsync(page, "track_vision"));
        }
        finally
        {
            await radio.Locator("label.switch").ClickAsync();
            await Assertions.Expect(radio).ToHaveAttributeAsync("data-enabled", "true");
        }

        Assert.True(sight.IsEnabled("track_vision"));
    }

    [BrowserFact]
    public async Task SelectingATrailDrawsItsWaterfallWithEveryProbe()
    {
        var page = await _demo.OpenAsync();
        await Assertions.Expect(page.Locator("#trail-list li[data-trail]").First).ToBeVisibleAsync();
        // Pause freezes the views, so the list stops moving under the pointer while data keeps arriving.
        await page.ClickAsync("#pause");
        await Assertions.Expect(page.Locator("#pause")).ToHaveAttributeAsync("aria-pressed", "true");
        var trail = page.Locator("#trail-list li[data-trail]").Nth(2);
        var id = await trail.GetAttributeAsync("data-trail");
        await trail.ClickAsync();
        await Assertions.Expect(page.Locator($"#trail-list li[data-trail='{id}']")).ToHaveAttributeAsync("aria-selected", "true");
        // The waterfall is drawn after the trail's probes arrive: wait for a second row rather than counting at once.
        await Assertions.Expect(page.Locator("#waterfall .wf-row").Nth(1)).ToBeVisibleAsync();
        await page.Locator("#waterfall .wf-row").Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("#probe-detail")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task TheLedgerPanelShowsTheHeadAndVerifiesTheLedger()
    {
        var page = await _demo.OpenAsync();
        await Assertions.Expect(page.Locator("#ledger-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ledger dt").First).ToHaveTextAsync("File");
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#verify-result")).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("Intact");

        // Alter entry 1 by hand, as an attacker with sqlite3 would: Verify must now name it. Then put it back, since
        // the other tests share this demo's ledger.
        var original = AlterLedgerRow(_demo.LedgerPath, 1, payload => payload.Replace("\"kind\":\"", "\"kind\":\"forged-", StringComparison.Ordinal));
        try
        {
            await page.ClickAsync("#verify");
            await Assertions.Expect(page.Locator("#verify-result")).ToHaveAttributeAsync("data-valid", "false");
            await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("entry 1 ");
        }
        finally
        {
            AlterLedgerRow(_demo.LedgerPath, 1, _ => original);
        }
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#verify-result")).ToHaveAttributeAsync("data-valid", "true");
    }

    /// <summary>Rewrites the payload of one ledger entry through a raw connection; returns the payload it had.</summary>
    private static string AlterLedgerRow(string ledgerPath, long sequence, Func<string, string> change)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={ledgerPath};Pooling=False");
        connection.Open();
        using (var busy = connection.CreateCommand())
        {
            busy.CommandText = "PRAGMA busy_timeout = 5000";
            busy.ExecuteNonQuery();
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT CAST(payload AS TEXT) FROM journal WHERE persistence_id = 'ledger' AND sequence_number = $seq";
        read.Parameters.AddWithValue("$seq", sequence);
        var before = (string)read.ExecuteScalar()!;
        var after = change(before);
        Assert.NotEqual(before, after);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE journal SET payload = $payload WHERE persistence_id = 'ledger' AND sequence_number = $seq";
        write.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes(after));
        write.Parameters.AddWithValue("$seq", sequence);
        Assert.Equal(1, write.ExecuteNonQuery());
        return before;
    }

    [BrowserFact]
    public async Task TheHealthPanelListsEachSinkAndFlagsOneThatFails()
    {
        var folder = Path.Combine(Path.GetTempPath(), "codesight-dashboard-sink-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var blocker = Path.Combine(folder, "blocker");
        await File.WriteAllTextAsync(blocker, "a file, not a folder");
        var sink = _demo.Demo.System.ActorOf(FileSink.Props(new FileSinkOptions(Path.Combine(blocker, "trace.ndjson"))), "dashboard-broken-sink");
        try
        {
            var page = await _demo.OpenAsync();
            var row = page.Locator("#sink-rows tr[data-sink='dashboard-broken-sink']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-alarm", "true");
            await Assertions.Expect(row.Locator("td.error")).ToContainTextAsync("failed to write");
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("file");
        }
        finally
        {
            await sink.GracefulStop(TimeSpan.FromSeconds(5));
            Directory.Delete(folder, recursive: true);
        }
    }

    [BrowserFact]
    public async Task TakesScreenshotsOfTheMainViewsWhenAskedTo()
    {
        // Screenshots are written only when CODESIGHT_SCREENSHOTS names a folder (docs/screenshots when refreshed).
        var folder = Environment.GetEnvironmentVariable("CODESIGHT_SCREENSHOTS");
        var page = await _demo.OpenAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#metrics .metric').length >= 6 && document.querySelectorAll('#trail-list li[data-trail]').length >= 10");
        await page.ClickAsync("#pause");
        await page.Locator("#trail-list li[data-status='error']").First.ClickAsync();
        await page.Locator("#waterfall .wf-row").Last.ClickAsync();
        await page.ClickAsync("#pause");
        await Assertions.Expect(page.Locator("#pause")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.True(await page.Locator("#metrics .metric").CountAsync() >= 6);
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard-dark.png"), FullPage = true });
        await page.Locator(".trails-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "trail-waterfall.png") });
        await page.Locator(".points-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "sight-points.png") });
        var light = await _demo.OpenAsync("light");
        await light.WaitForFunctionAsync("() => document.querySelectorAll('#metrics .metric').length >= 6");
        await light.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard-light.png"), FullPage = true });
    }

    private static async Task<long> HighestSequenceAsync(IPage page) =>
        await page.EvaluateAsync<long>("() => Math.max(...[...document.querySelectorAll('#stream .row')].map(r => +r.dataset.seq))");

    private static async Task<long> SeenAsync(IPage page, string point) =>
        long.Parse(await page.Locator($"#points tr[data-point='{point}'] td.seen").GetAttributeAsync("data-seen") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
