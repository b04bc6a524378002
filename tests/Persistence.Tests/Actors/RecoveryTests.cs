using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class RecoveryTests : PersistenceTestKit
{
    private readonly TempDatabase _database = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    [Fact]
    public async Task RecoveryAfterASystemRestartOnAFileDatabaseRestoresStateExactly()
    {
        StartPersistence(_database.Options);
        var observer = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(ValuesActor.Props("restart", observer));
        observer.ExpectMsg<Recovered>();
        actor.Tell(new Add(5), TestActor);
        actor.Tell(new AddAll([-3, 0, int.MaxValue]), TestActor);
        actor.Tell(new AddAsync(int.MinValue), TestActor);
        actor.Tell(new AddThenNested(2), TestActor);
        ReceiveN(7);
        actor.Tell(new Get(), TestActor);
        Values before = ExpectMsg<Values>();
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        using ActorSystem second = ActorSystem.Create("second");
        SqlitePersistence.Start(second, new PersistenceOptions { Store = _database.Options, Serializer = NewSerializer() });
        var probe = new TestKit.TestProbe(second, "observer");
        IActorRef revived = second.ActorOf(ValuesActor.Props("restart", probe));

        Recovered recovered = probe.ExpectMsg<Recovered>();
        Assert.Equal(before.Items, recovered.Values);
        Assert.Equal([5, -3, 0, int.MaxValue, int.MinValue, 2, 20], recovered.Values);
        Assert.Equal(before.LastSequenceNr, recovered.LastSequenceNr);
        revived.Tell(new Add(1), probe);
        probe.ExpectMsg(new Applied(1, 8));
        await second.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AnUnknownManifestFailsRecoveryNamingThePersistenceIdSequenceNumberAndManifest()
    {
        using (SqliteJournal journal = SqliteJournal.Open(_database.Options))
        {
            journal.WriteBatch([
                new JournalWrite("mystery", 1, "test.added", """{"value":1}"""u8.ToArray(), "w"),
                new JournalWrite("mystery", 2, "test.unheard-of", """{"x":2}"""u8.ToArray(), "w"),
            ]);
        }

        StartPersistence(_database.Options);
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        IActorRef actor = Sys.ActorOf(ValuesActor.Props("mystery", CreateTestProbe()));
        Watch(actor);

        LogEvent log = FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        ExpectTerminated(actor);
        var cause = Assert.IsType<RecoveryFailedException>(log.Cause);
        Assert.Equal("mystery", cause.PersistenceId);
        Assert.Equal(2, cause.SequenceNr);
        Assert.Equal("test.unheard-of", cause.Manifest);
        Assert.Contains("'mystery'", log.Message);
        Assert.Contains("sequence number 2", log.Message);
        Assert.Contains("'test.unheard-of'", log.Message);
    }

    [Fact]
    public void RecoveryNoneStartsEmptyButNeverReusesASequenceNumber()
    {
        StartPersistence(_database.Options);
        var observer = CreateTestProbe();
        IActorRef first = Sys.ActorOf(ValuesActor.Props("none", observer));
        observer.ExpectMsg<Recovered>();
        first.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        IActorRef second = Sys.ActorOf(ValuesActor.Props("none", observer, Recovery.None));

        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Empty(recovered.Values);
        Assert.Equal(2, recovered.LastSequenceNr);
        second.Tell(new Add(3), TestActor);
        ExpectMsg(new Applied(3, 3));
    }

    [Fact]
    public void RecoveryStopsAtToSequenceNr()
    {
        StartPersistence(_database.Options);
        var observer = CreateTestProbe();
        IActorRef first = Sys.ActorOf(ValuesActor.Props("partial", observer));
        observer.ExpectMsg<Recovered>();
        first.Tell(new AddAll([1, 2, 3, 4]), TestActor);
        ReceiveN(4);
        Sys.Stop(first);

        Sys.ActorOf(ValuesActor.Props("partial", observer, new Recovery { ToSequenceNr = 2 }));

        Assert.Equal([1, 2], observer.ExpectMsg<Recovered>().Values);
    }

    [Fact]
    public void AMissingPersistenceIdStopsTheActorWithAnError()
    {
        StartPersistence(_database.Options);
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        IActorRef actor = Sys.ActorOf(ValuesActor.Props("", CreateTestProbe()));
        Watch(actor);

        LogEvent log = FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        Assert.Contains("PersistenceId is null or empty", log.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task ASharedMemoryDatabaseIsSharedBetweenSystemsThatNameIt()
    {
        string name = "shared-" + Guid.NewGuid().ToString("N");
        using ActorSystem keeper = ActorSystem.Create("keeper");
        SqlitePersistence.Start(keeper, new PersistenceOptions { Store = SqliteStoreOptions.ForSharedMemory(name), Serializer = NewSerializer() });
        StartPersistence(SqliteStoreOptions.ForSharedMemory(name));
        var observer = CreateTestProbe();
        IActorRef writer = Sys.ActorOf(ValuesActor.Props("shared", observer));
        observer.ExpectMsg<Recovered>();
        writer.Tell(new Add(42), TestActor);
        ExpectMsg(new Applied(42, 1));

        var probe = new TestKit.TestProbe(keeper, "observer");
        keeper.ActorOf(ValuesActor.Props("shared", probe));

        Assert.Equal([42], probe.ExpectMsg<Recovered>().Values);
        await keeper.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
