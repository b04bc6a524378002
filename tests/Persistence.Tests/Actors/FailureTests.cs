using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class FailureTests : PersistenceTestKit
{
    private readonly TempDatabase _database = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    private IActorRef StartRecovered(string persistenceId, TestKit.TestProbe observer)
    {
        _ = Persistence;
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    [Fact]
    public void ARejectedEventCallsOnPersistRejectedAndTheActorGoesOn()
    {
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("reject", observer);

        actor.Tell(new PersistMixed([new Unregistered(1)]), TestActor);

        Rejected rejected = observer.ExpectMsg<Rejected>();
        Assert.Equal(new Unregistered(1), rejected.Event);
        Assert.Equal(1, rejected.SequenceNr);
        Assert.IsType<EventSerializationException>(rejected.Cause);
        Assert.Contains(typeof(Unregistered).FullName!, rejected.Cause.Message);
        actor.Tell(new Add(2), TestActor);
        ExpectMsg(new Applied(2, 2));
        Assert.Equal(1, Persistence.Counters.EventsRejected);
    }

    [Fact]
    public void PersistAllIsRejectedAsAWholeWhenOneEventCannotBeSerialized()
    {
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("reject", observer);

        actor.Tell(new PersistMixed([new Added(1), new Unregistered(2), new Added(3)]), TestActor);

        var rejected = new[] { observer.ExpectMsg<Rejected>(), observer.ExpectMsg<Rejected>(), observer.ExpectMsg<Rejected>() };
        Assert.Equal([1L, 2, 3], rejected.Select(r => r.SequenceNr));
        Assert.Equal([new Added(1), new Unregistered(2), new Added(3)], rejected.Select(r => r.Event));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, Persistence.Counters.EventsWritten);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        var next = CreateTestProbe();
        Sys.ActorOf(ValuesActor.Props("reject", next));
        Recovered recovered = next.ExpectMsg<Recovered>();
        Assert.Empty(recovered.Values);
    }

    [Fact]
    public void AJournalFailureStopsTheActorAndLogsAnErrorNamingThePersistenceIdAndSequenceNumber()
    {
        // A database capped near its empty size: the first sizeable event cannot be written.
        StartPersistence(_database.Options with { MaxDatabaseBytes = 64 * 1024 });
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("doomed", observer);
        actor.Tell(new Add(1), TestActor);
        ExpectMsg(new Applied(1, 1));
        Watch(actor);

        actor.Tell(new Note(new string('x', 512 * 1024)), TestActor);

        LogEvent log = FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        Assert.Contains("'doomed'", log.Message);
        Assert.Contains("sequence number 2", log.Message);
        Assert.IsAssignableFrom<PersistenceException>(log.Cause);
        ExpectTerminated(actor);
        Assert.Equal(1, Persistence.Counters.EventsFailed);
    }

    [Fact]
    public void CommandsHeldBackByAFailedPersistGoToDeadLetters()
    {
        StartPersistence(_database.Options with { MaxDatabaseBytes = 64 * 1024 });
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("doomed", observer);
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        Watch(actor);

        actor.Tell(new Note(new string('x', 512 * 1024)), TestActor);
        actor.Tell(new Get(), TestActor);

        deadLetters.FishForMessage<DeadLetter>(d => d.Message is Get);
        ExpectTerminated(actor);
    }
}
