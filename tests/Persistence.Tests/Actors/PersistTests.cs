using CodeSight.Actors;
using CodeSight.Persistence.Tests.Actors.Support;
using Xunit;
using static CodeSight.Persistence.Tests.Actors.Support.ValuesActor;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class PersistTests : PersistenceTestKit
{
    private IActorRef StartRecovered(string persistenceId, out TestKit.TestProbe observer)
    {
        _ = Persistence;
        observer = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(ValuesActor.Props(persistenceId, observer));
        observer.ExpectMsg<Recovered>();
        return actor;
    }

    [Fact]
    public void PersistRunsTheHandlerAfterTheWriteWithTheCommandsSender()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new Add(7), TestActor);

        Assert.Equal(new Applied(7, 1), ExpectMsg<Applied>());
        Assert.Equal(1, Persistence.Counters.EventsWritten);
    }

    [Fact]
    public void HandlersRunInPersistOrderAcrossPersistPersistAllAndPersistAsync()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new Add(1), TestActor);
        actor.Tell(new AddAll([2, 3, 4]), TestActor);
        actor.Tell(new AddAsync(5), TestActor);
        actor.Tell(new AddAllAsync([6, 7]), TestActor);
        actor.Tell(new Add(8), TestActor);

        var applied = ReceiveN(8).Cast<Applied>().ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], applied.Select(a => a.Value));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], applied.Select(a => a.SequenceNr));
    }

    [Fact]
    public void CommandsSentBeforeRecoveryCompletesAreHandledAfterIt()
    {
        _ = Persistence;
        var observer = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(ValuesActor.Props("early", observer));
        actor.Tell(new Add(1), TestActor);
        actor.Tell(new Get(), TestActor);

        observer.ExpectMsg<Recovered>(r => Assert.Empty(r.Values));
        ExpectMsg(new Applied(1, 1));
        Assert.Equal([1], ExpectMsg<Values>().Items);
    }

    [Fact]
    public void ACommandAfterPersistWaitsForTheHandler()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new Add(1), TestActor);
        actor.Tell(new Get(), TestActor);

        ExpectMsg(new Applied(1, 1));
        var values = ExpectMsg<Values>();
        Assert.Equal([1], values.Items);
        Assert.Equal(1, values.LastSequenceNr);
    }

    [Fact]
    public void APersistInsideAHandlerRunsAfterTheEventsPersistedBeforeIt()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new AddThenNested(1), TestActor);
        actor.Tell(new Add(2), TestActor);

        // The nested persist belongs to the first command: the second command waits for it.
        var applied = ReceiveN(3).Cast<Applied>().ToArray();
        Assert.Equal([1, 10, 2], applied.Select(a => a.Value));
        Assert.Equal([1L, 2, 3], applied.Select(a => a.SequenceNr));
    }

    [Fact]
    public void DeferAsyncRunsAfterThePendingPersistHandlers()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new AddAsync(1), TestActor);
        actor.Tell(new DeferNote("after", Stashing: false), TestActor);

        ExpectMsg(new Applied(1, 1));
        ExpectMsg("after");
    }

    [Fact]
    public void ADeferredHandlerAnswersTheSenderOfTheCommandThatDeferredIt()
    {
        IActorRef actor = StartRecovered("p1", out _);
        var other = CreateTestProbe();

        actor.Tell(new AddAsync(1), TestActor);
        actor.Tell(new DeferNote("mine", Stashing: false), other);

        ExpectMsg(new Applied(1, 1));
        other.ExpectMsg("mine");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void DeferWithNothingPendingRunsAtOnce()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new DeferNote("now", Stashing: true), TestActor);
        actor.Tell(new Get(), TestActor);

        ExpectMsg("now");
        ExpectMsg<Values>();
        Assert.Equal(0, Persistence.Counters.Transactions);
    }

    [Fact]
    public void DeferHoldsBackCommandsUntilItRuns()
    {
        IActorRef actor = StartRecovered("p1", out _);

        actor.Tell(new AddAsync(1), TestActor);
        actor.Tell(new DeferNote("deferred", Stashing: true), TestActor);
        actor.Tell(new Get(), TestActor);

        ExpectMsg(new Applied(1, 1));
        ExpectMsg("deferred");
        Assert.Equal([1], ExpectMsg<Values>().Items);
    }

    [Fact]
    public void APersistentActorRecoversTheEventsOfAnEarlierIncarnationInPersistOrder()
    {
        IActorRef first = StartRecovered("p1", out _);
        first.Tell(new Add(3), TestActor);
        first.Tell(new AddAll([1, 4]), TestActor);
        first.Tell(new AddAsync(1), TestActor);
        first.Tell(new AddThenNested(5), TestActor);
        var handlerOrder = ReceiveN(6).Cast<Applied>().Select(a => a.Value).ToArray();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var observer = CreateTestProbe();
        Sys.ActorOf(ValuesActor.Props("p1", observer));

        var recovered = observer.ExpectMsg<Recovered>();
        Assert.Equal(handlerOrder, recovered.Values);
        Assert.Equal([3, 1, 4, 1, 5, 50], recovered.Values);
        Assert.Equal(6, recovered.LastSequenceNr);
    }

    [Fact]
    public void SequenceNumbersContinueAfterRecovery()
    {
        IActorRef first = StartRecovered("p1", out _);
        first.Tell(new AddAll([1, 2]), TestActor);
        ReceiveN(2);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        IActorRef second = StartRecovered("p1", out _);
        second.Tell(new Add(3), TestActor);

        ExpectMsg(new Applied(3, 3));
    }

    [Fact]
    public void StreamsOfDifferentPersistenceIdsDoNotMix()
    {
        IActorRef a = StartRecovered("a", out _);
        IActorRef b = StartRecovered("b", out _);
        a.Tell(new Add(1), TestActor);
        ExpectMsg(new Applied(1, 1));
        b.Tell(new Add(2), TestActor);
        ExpectMsg(new Applied(2, 1));
        Sys.Stop(a);
        Sys.Stop(b);

        var observer = CreateTestProbe();
        Sys.ActorOf(ValuesActor.Props("b", observer));
        Assert.Equal([2], observer.ExpectMsg<Recovered>().Values);
    }
}
