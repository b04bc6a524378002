using CodeSight.Actors;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

/// <summary>
/// The journal writes at most one batch at a time; everything requested meanwhile forms the next batch. To make
/// that observable without timing luck, a raw connection holds the database's write lock, so the first batch
/// waits inside SQLite while the other requests queue up behind it.
/// </summary>
public sealed class BatchingTests : PersistenceTestKit
{
    private readonly TempDatabase _database = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    private IActorRef[] StartActors(int count)
    {
        var observer = CreateTestProbe();
        var actors = Enumerable.Range(0, count).Select(i => Sys.ActorOf(ValuesActor.Props($"actor-{i}", observer))).ToArray();
        observer.ReceiveN(count);
        return actors;
    }

    private SqliteTransaction HoldWriteLock(SqliteConnection connection)
    {
        // IMMEDIATE takes the write lock at once; the journal's next commit waits for it (busy timeout).
        return connection.BeginTransaction(deferred: false);
    }

    [Fact]
    public void WritesRequestedWhileABatchIsInFlightShareTheNextTransaction()
    {
        StartPersistence(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(30) });
        IActorRef[] actors = StartActors(20);
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = HoldWriteLock(raw);

        for (int i = 0; i < actors.Length; i++) actors[i].Tell(new Add(i), TestActor);
        AwaitCondition(() => Persistence.Counters.WriteRequests == 20);
        held.Commit();

        var applied = ReceiveN(20).Cast<Applied>().ToArray();
        Assert.Equal(Enumerable.Range(0, 20), applied.Select(a => a.Value).Order());
        Assert.Equal(20, Persistence.Counters.EventsWritten);
        // The first request went alone; the 19 that queued behind it were written in one transaction.
        Assert.Equal(2, Persistence.Counters.Transactions);
    }

    [Fact]
    public void ABatchHoldsAtMostMaxBatchSizeEvents()
    {
        StartPersistence(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(30) }, maxBatchSize: 5);
        IActorRef[] actors = StartActors(12);
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = HoldWriteLock(raw);

        foreach (IActorRef actor in actors) actor.Tell(new Add(1), TestActor);
        AwaitCondition(() => Persistence.Counters.WriteRequests == 12);
        held.Commit();

        ReceiveN(12);
        // 1 alone, then 11 queued: 5 + 5 + 1.
        Assert.Equal(4, Persistence.Counters.Transactions);
    }

    [Fact]
    public void APersistAllLargerThanTheBatchSizeStillGoesInOneTransaction()
    {
        StartPersistence(_database.Options, maxBatchSize: 2);
        IActorRef actor = StartActors(1)[0];

        actor.Tell(new AddAll([1, 2, 3, 4, 5]), TestActor);

        ReceiveN(5);
        Assert.Equal(1, Persistence.Counters.Transactions);
    }

    [Fact]
    public void ManyActorsPersistingAtOnceUseFarFewerTransactionsThanEvents()
    {
        StartPersistence(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(30) });
        IActorRef[] actors = StartActors(50);
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = HoldWriteLock(raw);

        foreach (IActorRef actor in actors)
        {
            for (int i = 0; i < 10; i++) actor.Tell(new AddAsync(i), TestActor);
        }

        AwaitCondition(() => Persistence.Counters.WriteRequests >= 2);
        held.Commit();

        ReceiveN(500, TimeSpan.FromSeconds(20));
        Assert.Equal(500, Persistence.Counters.EventsWritten);
        Assert.True(Persistence.Counters.Transactions <= 50, $"{Persistence.Counters.Transactions} transactions for 500 events");
    }

    [Fact]
    public void AConflictInOneStreamDoesNotFailTheOtherStreamsInItsBatch()
    {
        StartPersistence(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(30) });
        var observer = CreateTestProbe();
        // Two live writers for one persistence id: a bug in the host, which must only hurt that stream.
        IActorRef first = Sys.ActorOf(ValuesActor.Props("twin", observer));
        IActorRef second = Sys.ActorOf(ValuesActor.Props("twin", observer));
        IActorRef bystander = Sys.ActorOf(ValuesActor.Props("bystander", observer));
        observer.ReceiveN(3);
        Watch(second);
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = HoldWriteLock(raw);

        first.Tell(new Add(1), TestActor);
        AwaitCondition(() => Persistence.Counters.WriteRequests == 1);
        second.Tell(new Add(2), TestActor);
        bystander.Tell(new Add(3), TestActor);
        AwaitCondition(() => Persistence.Counters.WriteRequests == 3);
        held.Commit();

        var messages = ReceiveN(3).ToList();
        Assert.Contains(new Applied(1, 1), messages);
        Assert.Contains(new Applied(3, 1), messages);
        Assert.Contains(messages, m => m is CodeSight.Actors.Terminated t && t.ActorRef.Equals(second));
        Assert.Equal(1, Persistence.Counters.EventsFailed);
    }
}
