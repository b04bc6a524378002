using CodeSight.Actors;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Snapshots;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Actors.Support;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class SnapshotTests : PersistenceTestKit
{
    private IActorRef StartRecovered(string persistenceId, TestKit.TestProbe observer, Recovery? recovery = null)
    {
        _ = Persistence;
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer, recovery));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    private void Restart(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void RecoveryOffersTheSnapshotThenReplaysOnlyTheLaterEvents()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("snap", observer);
        first.Tell(new AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);
        first.Tell(new TakeSnapshot(), TestActor);
        SaveSnapshotSuccess saved = observer.ExpectMsg<SaveSnapshotSuccess>();
        Assert.Equal(new SnapshotMetadata("snap", 3, saved.Metadata.Timestamp), saved.Metadata);
        first.Tell(new AddAll([4, 5]), TestActor);
        ReceiveN(2);
        Restart(first);
        long replayedBefore = Persistence.Counters.EventsReplayed;

        Sys.ActorOf(ValuesActor.Props("snap", observer));

        SnapshotOffered offered = observer.ExpectMsg<SnapshotOffered>();
        Assert.Equal([1, 2, 3], offered.Values);
        Assert.Equal(3, offered.SequenceNr);
        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal([1, 2, 3, 4, 5], recovered.Values);
        Assert.Equal(5, recovered.LastSequenceNr);
        Assert.Equal(3, recovered.SnapshotSequenceNr);
        Assert.Equal(2, Persistence.Counters.EventsReplayed - replayedBefore);
    }

    [Fact]
    public void TheLatestSnapshotIsOffered()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("snap", observer);
        first.Tell(new Add(1), TestActor);
        ExpectMsg<Applied>();
        first.Tell(new TakeSnapshot(), TestActor);
        observer.ExpectMsg<SaveSnapshotSuccess>();
        first.Tell(new Add(2), TestActor);
        ExpectMsg<Applied>();
        first.Tell(new TakeSnapshot(), TestActor);
        observer.ExpectMsg<SaveSnapshotSuccess>(s => Assert.Equal(2, s.Metadata.SequenceNr));
        Restart(first);

        Sys.ActorOf(ValuesActor.Props("snap", observer));

        SnapshotOffered offered = observer.ExpectMsg<SnapshotOffered>();
        Assert.Equal([1, 2], offered.Values);
        Assert.Equal(2, offered.SequenceNr);
        Assert.Equal([1, 2], observer.ExpectMsg<Recovered>().Values);
    }

    [Fact]
    public void RecoveryWithoutSnapshotsReplaysEverything()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("snap", observer);
        first.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);
        first.Tell(new TakeSnapshot(), TestActor);
        observer.ExpectMsg<SaveSnapshotSuccess>();
        first.Tell(new Add(3), TestActor);
        ExpectMsg<Applied>();
        Restart(first);

        Sys.ActorOf(ValuesActor.Props("snap", observer, new Recovery { FromSnapshot = null }));

        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal([1, 2, 3], recovered.Values);
        Assert.Equal(0, recovered.SnapshotSequenceNr);
    }

    [Fact]
    public void AnUnserializableSnapshotIsReportedAsSaveSnapshotFailure()
    {
        var observer = CreateTestProbe();
        IActorRef actor = StartRecovered("snap", observer);

        actor.Tell(new SnapshotUnregistered(), TestActor);

        SaveSnapshotFailure failure = observer.ExpectMsg<SaveSnapshotFailure>();
        Assert.IsType<EventSerializationException>(failure.Cause);
        Assert.Contains(nameof(Unregistered), failure.Cause.Message);
        actor.Tell(new Add(1), TestActor);
        ExpectMsg(new Applied(1, 1));
    }

    [Fact]
    public void DeletedSnapshotsAreNoLongerOffered()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("snap", observer);
        first.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);
        first.Tell(new TakeSnapshot(), TestActor);
        observer.ExpectMsg<SaveSnapshotSuccess>();
        first.Tell(new DeleteSnapshotsUpTo(2), TestActor);
        Assert.Equal(1, observer.ExpectMsg<DeleteSnapshotsSuccess>().Deleted);
        Restart(first);

        Sys.ActorOf(ValuesActor.Props("snap", observer));

        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal(0, recovered.SnapshotSequenceNr);
        Assert.Equal([1, 2], recovered.Values);
    }

    [Fact]
    public void ASnapshotAfterToSequenceNrIsNotOffered()
    {
        var observer = CreateTestProbe();
        IActorRef first = StartRecovered("snap", observer);
        first.Tell(new AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);
        first.Tell(new TakeSnapshot(), TestActor);
        observer.ExpectMsg<SaveSnapshotSuccess>();
        Restart(first);

        Sys.ActorOf(ValuesActor.Props("snap", observer, new Recovery { ToSequenceNr = 2 }));

        Recovered recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal([1, 2], recovered.Values);
        Assert.Equal(0, recovered.SnapshotSequenceNr);
    }

    [Fact]
    public void ASnapshotWithAnUnknownManifestFailsRecoveryNamingIt()
    {
        string name = "snapshots-" + Guid.NewGuid().ToString("N");
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(SqliteStoreOptions.ForSharedMemory(name));
        store.Save(new SnapshotEntry("odd", 4, DateTimeOffset.UtcNow, "test.retired-snapshot", "{}"u8.ToArray()));
        StartPersistence(SqliteStoreOptions.ForSharedMemory(name));
        Sys.EventStream.Subscribe(TestActor, typeof(CodeSight.Actors.Events.LogEvent));
        IActorRef actor = Sys.ActorOf(ValuesActor.Props("odd", CreateTestProbe()));
        Watch(actor);

        var log = FishForMessage<CodeSight.Actors.Events.LogEvent>(e => e.Level == CodeSight.Actors.Events.LogLevel.Error);
        var cause = Assert.IsType<RecoveryFailedException>(log.Cause);
        Assert.Equal(4, cause.SequenceNr);
        Assert.Equal("test.retired-snapshot", cause.Manifest);
        Assert.Contains("the snapshot cannot be read", log.Message);
        ExpectTerminated(actor);
    }
}
