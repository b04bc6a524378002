using CodeSight.Actors;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerActorTests : TestKit.TestKit
{
    private readonly TempDatabase _file = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _file.Dispose();
    }

    [Fact]
    public void JournalsObservationsAndClosedProbesPublishedOnTheEventStream()
    {
        var counters = new LedgerCounters();
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest(), counters), "ledger");
        Flush(ledger);

        for (int i = 0; i < 250; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Sys.EventStream.Publish(new CloseSignal(LedgerSamples.Probe(0), 0));

        Assert.Equal(251, Flush(ledger).Size);
        Assert.Equal((251L, 0L), (counters.Persisted, counters.Failed));
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        Assert.Equal(new[] { LedgerSamples.Probe(0) }, reader.ReplayTrail(LedgerSamples.TrailA));
        Assert.True(LedgerVerifier.Verify(_file.Options).IsValid);
    }

    [Fact]
    public void WritesAFinalCheckpointWhenItStops()
    {
        var counters = new LedgerCounters();
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest(), counters), "ledger");
        Flush(ledger);
        Sys.EventStream.Publish(LedgerSamples.Observation(0));
        Flush(ledger);

        Watch(ledger);
        Sys.Stop(ledger);
        ExpectTerminated(ledger);

        Assert.Equal(1L, _file.Scalar("SELECT MAX(tree_size) FROM ledger_checkpoint"));
        Assert.Equal(1, counters.Checkpoints);
    }

    [Fact]
    public void CountsEveryObservationItCannotPersistAndKeepsRunning()
    {
        string blocker = Path.Combine(_file.Directory, "not-a-directory");
        File.WriteAllText(blocker, "plain file");
        var counters = new LedgerCounters();
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest() with { Path = Path.Combine(blocker, "ledger.db") }, counters), "ledger");

        Flush(ledger);
        for (int i = 0; i < 3; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        LedgerFlushed flushed = Flush(ledger);
        Sys.EventStream.Publish(LedgerSamples.Observation(4));

        Assert.Equal(3, flushed.Failed);
        Assert.Equal(4, Flush(ledger).Failed);
        Assert.Equal(0, counters.Persisted);
        Assert.Contains("cannot be opened", counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsBatchesTheFullDatabaseRefusesAndKeepsTheLedgerVerifiable()
    {
        var counters = new LedgerCounters();
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest() with { MaxDatabaseBytes = 96 * 1024 }, counters), "ledger");
        Flush(ledger);

        // Far more than fits: the batches that would pass the limit are refused whole and counted.
        for (int i = 0; i < 3000; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        LedgerFlushed flushed = Flush(ledger);

        Assert.True(flushed.Failed > 0, "nothing was refused");
        Assert.Equal(3000, counters.Persisted + counters.Failed);
        Assert.Contains("size limit", counters.LastError, StringComparison.Ordinal);
        Assert.True(LedgerVerifier.Verify(_file.Options).IsValid);
    }

    private LedgerSettings LedgerSettingsForTest() => new() { Path = _file.Path, MaxBatchSize = 512, CheckpointInterval = TimeSpan.FromMinutes(5) };

    private LedgerFlushed Flush(IActorRef ledger)
    {
        ledger.Tell(FlushLedger.Instance, TestActor);
        return ExpectMsg<LedgerFlushed>(TimeSpan.FromSeconds(10));
    }
}
