using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class LifecycleTests : PersistenceTestKit
{
    private IActorRef StartRecovered(string persistenceId, TestKit.TestProbe observer)
    {
        _ = Persistence;
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    [Fact]
    public void AFailingCommandRestartsTheActorWhichRecoversItsPersistedState()
    {
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("restart", observer);
        actor.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);

        actor.Tell(new Boom("on purpose"), TestActor);
        actor.Tell(new Get(), TestActor);

        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal([1, 2], recovered.Values);
        Values values = ExpectMsg<Values>();
        Assert.Equal([1, 2], values.Items);
        Assert.Equal(2, values.LastSequenceNr);
    }

    [Fact]
    public void ARestartWhileAWriteIsInFlightDropsTheOldHandlerAndRecoversTheWrittenEvent()
    {
        using var database = new TempDatabase();
        StartPersistence(database.Options with { BusyTimeout = TimeSpan.FromSeconds(30) });
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("inflight", observer);
        using SqliteConnection raw = database.OpenRaw();
        SqliteTransaction held = raw.BeginTransaction(deferred: false);

        actor.Tell(new AddAsync(1), TestActor);
        AwaitCondition(() => Persistence.Counters.WriteRequests == 1);
        actor.Tell(new Boom("while writing"), TestActor);
        held.Commit();

        // The new instance's replay queues behind the write, so it sees the event; the old instance's handler
        // never runs (its answer is dropped as stale), so nothing is applied twice.
        Assert.Equal([1], observer.ExpectMsg<Recovered>().Values);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        actor.Tell(new Get(), TestActor);
        Assert.Equal([1], ExpectMsg<Values>().Items);
    }

    [Fact]
    public void DeletedEventsNoLongerReplayButTheirSequenceNumbersAreNotReused()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("delete", observer);
        first.Tell(new AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);

        first.Tell(new DeleteUpTo(2), TestActor);
        Assert.Equal(new DeleteMessagesSuccess(2), observer.ExpectMsg<DeleteMessagesSuccess>());
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        IActorRef second = Sys.ActorOf(ValuesActor.Props("delete", observer));
        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal([3], recovered.Values);
        Assert.Equal(3, recovered.LastSequenceNr);
        second.Tell(new Add(4), TestActor);
        ExpectMsg(new Applied(4, 4));
    }

    [Fact]
    public void DeletingEverythingKeepsTheSequenceGoing()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("delete", observer);
        first.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);

        first.Tell(new DeleteUpTo(long.MaxValue), TestActor);
        Assert.Equal(new DeleteMessagesSuccess(2), observer.ExpectMsg<DeleteMessagesSuccess>());
        Sys.Stop(first);

        IActorRef second = Sys.ActorOf(ValuesActor.Props("delete", observer));
        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Empty(recovered.Values);
        Assert.Equal(2, recovered.LastSequenceNr);
        second.Tell(new Add(3), TestActor);
        ExpectMsg(new Applied(3, 3));
    }

    [Fact]
    public void DeletingBeyondTheLastSequenceNumberFailsAndDeletesNothing()
    {
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("delete", observer);
        actor.Tell(new Add(1), TestActor);
        ExpectMsg<Applied>();

        actor.Tell(new DeleteUpTo(5), TestActor);

        DeleteMessagesFailure failure = observer.ExpectMsg<DeleteMessagesFailure>();
        Assert.Equal(5, failure.ToSequenceNr);
        Assert.Contains("last sequence number is 1", failure.Cause.Message);
        Sys.Stop(actor);
        Sys.ActorOf(ValuesActor.Props("delete", observer));
        Assert.Equal([1], observer.ExpectMsg<Recovered>().Values);
    }

    [Fact]
    public void PersistingFromAReplayedEventFailsRecoveryAndStopsTheActor()
    {
        var observer = CreateTestProbe();
        IActorRef writer = StartRecovered("replay-persist", observer);
        writer.Tell(new Add(1), TestActor);
        ExpectMsg<Applied>();
        Sys.Stop(writer);
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));

        IActorRef actor = Sys.ActorOf(CodeSight.Actors.Props.Create(() => new RecoveryPersistingActor("replay-persist", observer, true)));
        Watch(actor);

        LogEvent log = FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        var cause = Assert.IsType<RecoveryFailedException>(log.Cause);
        Assert.Equal(1, cause.SequenceNr);
        Assert.Equal("test.added", cause.Manifest);
        Assert.Contains("only be persisted after recovery", log.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public void RecoveryCompletedMayPersistAndCommandsWaitForIt()
    {
        _ = Persistence;
        var observer = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(CodeSight.Actors.Props.Create(() => new RecoveryPersistingActor("startup", observer, false)));

        actor.Tell("first command", TestActor);

        observer.ExpectMsg(new Noted("after recovery"));
        ExpectMsg("first command");
        Assert.Equal(1, Persistence.Counters.EventsWritten);
    }

    [Fact]
    public void BecomeReplacesTheCommandHandlerButNotThePersistenceProtocol()
    {
        _ = Persistence;
        IActorRef actor = Sys.ActorOf(CodeSight.Actors.Props.Create(() => new SwitchingActor()));

        actor.Tell("switch", TestActor);
        actor.Tell("x", TestActor);

        ExpectMsg("switched");
        ExpectMsg("persisted x as 1");
    }

    private sealed class SwitchingActor : PersistentActor
    {
        public override string PersistenceId => "switching";

        protected override bool ReceiveRecover(object message) => true;

        protected override bool ReceiveCommand(object message)
        {
            if (message is not "switch") return false;
            Become(Switched);
            Sender.Tell("switched", Self);
            return true;
        }

        private bool Switched(object message)
        {
            if (message is not string text) return false;
            Persist(new Noted(text), n => Sender.Tell($"persisted {n.Text} as {LastSequenceNr}", Self));
            return true;
        }
    }
}
