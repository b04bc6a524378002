using CodeSight.Actors;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
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
    public void StartedLedgerJournalsWhatIsPublishedTheMomentStartReturns()
    {
        var counters = new LedgerCounters();
        // Published straight after Start, before the actor can have run its PreStart on the pool: Start subscribed it.
        IActorRef ledger = LedgerActor.Start(Sys, LedgerSettingsForTest(), counters);
        for (int i = 0; i < 5; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(5, Flush(ledger).Size);
        Assert.Equal((5L, 0L), (counters.Persisted, counters.Failed));
        Assert.Equal("/user/ledger", ledger.Path.ToStringWithoutAddress());
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

    [Fact]
    public void PrunesPayloadsPastTheRetentionOnItsTimerAndTheLedgerStillVerifies()
    {
        var counters = new LedgerCounters();
        LedgerSettings settings = LedgerSettingsForTest() with { Retention = TimeSpan.FromMilliseconds(1), CheckpointInterval = TimeSpan.FromMilliseconds(100) };
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(settings, counters), "ledger");
        Flush(ledger);
        for (int i = 0; i < 20; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(20, Flush(ledger).Size);

        AwaitAssert(() => Assert.Equal(0L, _file.Scalar("SELECT COUNT(*) FROM journal")), TimeSpan.FromSeconds(10));
        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(20, verification.PrunedEntries);
    }

    [Fact]
    public void RecoversFromItsSnapshotThroughThePersistentActorProtocolAndContinuesTheChain()
    {
        var counters = new LedgerCounters();
        IActorRef first = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest(), counters), "ledger-1");
        Flush(first);
        for (int i = 0; i < 100; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(100, Flush(first).Size);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        IActorRef second = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest(), counters), "ledger-2");
        Assert.Equal(100, Flush(second).Size);
        for (int i = 100; i < 150; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(150, Flush(second).Size);
        Assert.Equal((150L, 0L), (counters.Persisted, counters.Failed));
        Assert.Equal(150L, _file.Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'ledger' AND sequence_number BETWEEN 1 AND 150"));
        Assert.Equal(150L, _file.Scalar("SELECT COUNT(*) FROM ledger_leaf"));
        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
    }

    [Fact]
    public void WritesTheSnapshotAndDueCheckpointsBesideEachBatchOfEntries()
    {
        var counters = new LedgerCounters();
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(LedgerSettingsForTest() with { CheckpointEvery = 40, MaxBatchSize = 50 }, counters), "ledger");
        Flush(ledger);
        for (int i = 0; i < 200; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(200, Flush(ledger).Size);

        // The snapshot after the last batch is there to recover from, and every checkpoint sits where a batch ended.
        Assert.Equal(200L, _file.Scalar("SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = 'ledger'"));
        Assert.True(counters.Checkpoints >= 200 / 50 - 1, $"only {counters.Checkpoints} checkpoints");
        Assert.Equal(0L, _file.Scalar("SELECT COUNT(*) FROM ledger_checkpoint WHERE tree_size NOT IN (SELECT sequence_number FROM snapshot)"));
        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(counters.Checkpoints, verification.CheckpointsChecked);
    }

    [Fact]
    public void CountsABatchRefusedWhileTheDatabaseIsLockedThenResumesWithoutAGap()
    {
        var counters = new LedgerCounters();
        LedgerSettings settings = LedgerSettingsForTest() with { BusyTimeout = TimeSpan.FromMilliseconds(200), CheckpointInterval = TimeSpan.FromMilliseconds(250) };
        IActorRef ledger = Sys.ActorOf(LedgerActor.Create(settings, counters), "ledger");
        Flush(ledger);
        for (int i = 0; i < 5; i++)
        {
            Sys.EventStream.Publish(LedgerSamples.Observation(i));
        }

        Assert.Equal(5, Flush(ledger).Size);
        int published = 5;
        using (SqliteConnection blocker = _file.OpenRaw())
        {
            using SqliteCommand hold = blocker.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            hold.ExecuteNonQuery();
            for (int i = 0; i < 10; i++, published++)
            {
                Sys.EventStream.Publish(LedgerSamples.Observation(published));
            }

            Assert.True(Flush(ledger).Failed >= 10, "the locked batch was not counted");
            Assert.Contains("locked", counters.LastError, StringComparison.Ordinal);
        }

        AwaitAssert(
            () =>
            {
                Sys.EventStream.Publish(LedgerSamples.Observation(published++));
                Assert.True(Flush(ledger).Size > 5, "nothing was persisted after the lock was released");
            },
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));

        LedgerFlushed last = Flush(ledger);
        Assert.Equal(published, counters.Persisted + counters.Failed);
        Assert.Equal(counters.Persisted, last.Size);
        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(last.Size, verification.EntriesChecked);
    }

    private LedgerSettings LedgerSettingsForTest() => new() { Path = _file.Path, MaxBatchSize = 512, CheckpointInterval = TimeSpan.FromMinutes(5) };

    private LedgerFlushed Flush(IActorRef ledger)
    {
        ledger.Tell(FlushLedger.Instance, TestActor);
        return ExpectMsg<LedgerFlushed>(TimeSpan.FromSeconds(10));
    }
}
