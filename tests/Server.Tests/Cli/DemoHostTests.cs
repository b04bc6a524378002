using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using CodeSight.Server.Cli;
using CodeSight.Server.Simulation;

namespace CodeSight.Server.Tests.Cli;

public sealed class DemoHostTests : IDisposable
{
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), "codesight-demohost-" + Guid.NewGuid().ToString("n") + ".db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_ledger) + "*")) File.Delete(file);
    }

    [Fact]
    public async Task TheDemoJournalsTheRaceAndItsLedgerVerifiesOnceDisposed()
    {
        var demo = await DemoHost.StartAsync(new SimulationOptions(2, TimeSpan.FromMilliseconds(20), 0.0, 3), 1.0, server: null, ledgerPath: _ledger);
        Assert.NotNull(demo.Ledger);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            // Wait until the race has closed a probe, so the ledger has something to journal.
            await foreach (var signal in demo.Engine.Recorder.Signals(timeout.Token))
            {
                if (signal is CloseSignal) break;
            }
        }

        await demo.DisposeAsync();

        Assert.True(demo.System.WhenTerminated.IsCompleted);
        var verification = LedgerVerifier.Verify(SqliteStoreOptions.ForFile(_ledger));
        Assert.True(verification.IsValid, verification.ToString());
        Assert.True(verification.EntriesChecked > 0, "the race left no entry in the ledger");
    }

    [Fact]
    public async Task ALedgerInAMissingFolderEndsTheDemoWithBadUsageInsteadOfACrash()
    {
        var missing = Path.Combine(Path.GetTempPath(), "codesight-no-folder-" + Guid.NewGuid().ToString("n"), "ledger.db");

        var code = await DemoCommand.RunAsync(new SimulationOptions(1, TimeSpan.FromMilliseconds(20), 0.0, 1), 1.0, 0.2, TextWriter.Null, CancellationToken.None, server: null, ledgerPath: missing);

        Assert.Equal(Program.BadUsage, code);
    }
}
