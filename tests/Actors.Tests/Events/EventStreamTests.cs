using CodeSight.Actors.Events;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Events;

public sealed class EventStreamTests : TestKit.TestKit
{
    private interface IAlarm;

    private record Reading(int Value);

    private sealed record HotReading(int Value) : Reading(Value), IAlarm;

    private sealed record Unrelated;

    [Fact]
    public void ASubscriptionToABaseTypeReceivesSubclasses()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Reading));
        Sys.EventStream.Publish(new Reading(1));
        Sys.EventStream.Publish(new HotReading(2));
        Sys.EventStream.Publish(new Unrelated());
        ExpectMsg(new Reading(1));
        ExpectMsg<HotReading>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ASubscriptionToAnInterfaceReceivesItsImplementations()
    {
        Sys.EventStream.Subscribe<IAlarm>(TestActor.Ref);
        Sys.EventStream.Publish(new Reading(1));
        Sys.EventStream.Publish(new HotReading(2));
        Assert.Equal(2, ExpectMsg<HotReading>().Value);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AnEventMatchingSeveralSubscriptionsIsDeliveredOnce()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor.Ref, typeof(Reading)));
        Assert.True(Sys.EventStream.Subscribe(TestActor.Ref, typeof(IAlarm)));
        Assert.True(Sys.EventStream.Subscribe(TestActor.Ref, typeof(object)));
        Assert.False(Sys.EventStream.Subscribe(TestActor.Ref, typeof(Reading)));
        Sys.EventStream.Publish(new HotReading(3));
        ExpectMsg<HotReading>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void EverySubscriberReceivesTheEvent()
    {
        var other = CreateTestProbe();
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Reading));
        Sys.EventStream.Subscribe(other.Ref, typeof(Reading));
        Sys.EventStream.Publish(new Reading(5));
        ExpectMsg(new Reading(5));
        other.ExpectMsg(new Reading(5));
    }

    [Fact]
    public void UnsubscribeStopsDelivery()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Reading));
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Unrelated));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor.Ref, typeof(Reading)));
        Assert.False(Sys.EventStream.Unsubscribe(TestActor.Ref, typeof(Reading)));
        Sys.EventStream.Publish(new Reading(1));
        Sys.EventStream.Publish(new Unrelated());
        ExpectMsg<Unrelated>();
        Assert.True(Sys.EventStream.Unsubscribe(TestActor.Ref));
        Sys.EventStream.Publish(new Unrelated());
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ASubscriberThatStopsIsRemoved()
    {
        var before = Sys.EventStream.SubscriptionCount;
        var subscriber = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor)));
        Sys.EventStream.Subscribe(subscriber, typeof(Reading));
        Sys.EventStream.Subscribe(subscriber, typeof(Unrelated));
        Assert.Equal(before + 2, Sys.EventStream.SubscriptionCount);
        Sys.EventStream.Publish(new Reading(1));
        ExpectMsg(new Reading(1));
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);
        Assert.Equal(before, Sys.EventStream.SubscriptionCount);
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Reading)));
    }

    [Fact]
    public void MessagesToStoppedActorsArePublishedAsDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(AllDeadLetters));
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var sender = CreateTestProbe();
        actor.Tell("too late", sender.Ref);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("too late", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(sender.Ref, letter.Sender);
        Assert.Equal(1, Sys.Counters.DeadLetters);
    }

    [Fact]
    public void UnhandledMessagesArePublished()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<StringOnly>());
        actor.Tell(42, null);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    private sealed class StringOnly : ReceiveActor
    {
        public StringOnly() => Receive<string>(_ => { });
    }
}
