using CodeSight.Actors;
using CodeSight.Actors.Dispatch;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

/// <summary>
/// Whether commands wait for a write, seen while the write is really pending: a raw connection holds the
/// database's write lock, so the journal's commit waits inside SQLite until the test lets it go.
/// </summary>
public sealed class StashingTests : PersistenceTestKit
{
    private readonly TempDatabase _database = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    private IActorRef StartRecovered(string persistenceId)
    {
        StartPersistence(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(30), Clock = _clock });
        var observer = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    private readonly ThreadRecordingClock _clock = new();

    [Fact]
    public void CommandsWaitWhileAPersistIsBeingWritten()
    {
        IActorRef actor = StartRecovered("stash");
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = raw.BeginTransaction(deferred: false);

        actor.Tell(new Add(1), TestActor);
        actor.Tell(new Get(), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        held.Commit();

        ExpectMsg(new Applied(1, 1));
        Assert.Equal([1], ExpectMsg<Values>().Items);
    }

    [Fact]
    public void CommandsKeepFlowingWhileAPersistAsyncIsBeingWritten()
    {
        IActorRef actor = StartRecovered("flow");
        using SqliteConnection raw = _database.OpenRaw();
        SqliteTransaction held = raw.BeginTransaction(deferred: false);

        actor.Tell(new AddAsync(1), TestActor);
        actor.Tell(new Get(), TestActor);

        Values during = ExpectMsg<Values>();
        Assert.Empty(during.Items);
        Assert.Equal(0, during.LastSequenceNr);
        held.Commit();
        ExpectMsg(new Applied(1, 1));
    }

    [Fact]
    public void TheJournalWritesOnTheBlockingIoDispatchersOwnThreads()
    {
        IActorRef actor = StartRecovered("threads");
        _clock.Clear(); // opening the database read it on this thread

        actor.Tell(new Add(1), TestActor);
        ExpectMsg<Applied>();

        // SqliteJournal reads the store's clock inside WriteBatch, on the writer's thread.
        Assert.NotEmpty(_clock.ThreadNames);
        Assert.All(_clock.ThreadNames, name => Assert.StartsWith(ActorSystemSettings.BlockingIoDispatcherId + "-", name));
        Assert.IsType<DedicatedThreadDispatcher>(Sys.Dispatcher(ActorSystemSettings.BlockingIoDispatcherId));
    }

    private sealed class ThreadRecordingClock : TimeProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string?> _threadNames = new();

        public IEnumerable<string?> ThreadNames => _threadNames;

        public void Clear() => _threadNames.Clear();

        public override DateTimeOffset GetUtcNow()
        {
            _threadNames.Enqueue(Thread.CurrentThread.Name);
            return base.GetUtcNow();
        }
    }
}
