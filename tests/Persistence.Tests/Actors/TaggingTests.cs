using CodeSight.Actors;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Tests.Actors.Support;
using CodeSight.Persistence.Tests.Support;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class TaggingTests : PersistenceTestKit
{
    private readonly TempDatabase _database = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    private IActorRef StartRecovered(string persistenceId, TestKit.TestProbe observer)
    {
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    [Fact]
    public void ATaggedEventIsStoredWithItsTagsAndReplaysAsItsPayload()
    {
        StartPersistence(_database.Options);
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("tags", observer);

        actor.Tell(new PersistMixed([new Tagged(new Added(1), ["ledger", "turn"]), new Added(2)]), TestActor);
        ReceiveN(2);

        Assert.Equal(";ledger;turn;", _database.Scalar("SELECT tags FROM journal WHERE sequence_number = 1"));
        Assert.Equal(DBNull.Value, _database.Scalar("SELECT tags FROM journal WHERE sequence_number = 2"));
        Assert.Equal("test.added", _database.Scalar("SELECT manifest FROM journal WHERE sequence_number = 1"));
        Sys.Stop(actor);
        Sys.ActorOf(ValuesActor.Props("tags", observer));
        Assert.Equal([1, 2], observer.ExpectMsg<Recovered>().Values);
    }

    [Fact]
    public void ABadTagRejectsTheEventWithoutFailingOthersInTheSameBatch()
    {
        StartPersistence(_database.Options);
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("tags", observer);

        actor.Tell(new PersistMixed([new Tagged(new Added(1), ["a;b"])]), TestActor);
        actor.Tell(new Add(2), TestActor);

        Rejected rejected = observer.ExpectMsg<Rejected>();
        Assert.Equal(1, rejected.SequenceNr);
        Assert.Contains("tag 0 ('a;b')", rejected.Cause.Message);
        ExpectMsg(new Applied(2, 2));
    }
}
