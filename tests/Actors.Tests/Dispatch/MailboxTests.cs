using System.Diagnostics;
using CodeSight.Actors.Events;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Dispatch;

public sealed class MailboxTests : TestKit.TestKit
{
    public MailboxTests() : base("""
        one-thread { type = dedicated-threads, thread-count = 1, throughput = 5 }
        one-thread-unsliced { type = dedicated-threads, thread-count = 1, throughput = 1 }
        one-thread-sliced { type = dedicated-threads, thread-count = 1, throughput = 1, throughput-deadline = 10s }
        one-thread-short-slice { type = dedicated-threads, thread-count = 1, throughput = 5, throughput-deadline = 20ms }
        small-mailbox { type = bounded, capacity = 3 }
        """)
    {
    }

    private sealed class Flooder : ReceiveActor
    {
        public Flooder(IActorRef probe)
        {
            Receive<string>(s => s == "start", _ =>
            {
                probe.Tell("flooding", Self);
                Self.Tell(0, Self);
            });
            Receive<int>(n => Self.Tell(n + 1, Self));
        }
    }

    private sealed class PerSenderOrder : ReceiveActor
    {
        public PerSenderOrder(IActorRef probe, int senders, int perSender, ManualResetEventSlim? gate = null)
        {
            var next = new int[senders];
            var done = 0;
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked", Self);
                gate?.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<(int Sender, int Seq)>(m =>
            {
                if (m.Seq != next[m.Sender]) probe.Tell($"sender {m.Sender}: expected {next[m.Sender]}, got {m.Seq}", Self);
                next[m.Sender] = m.Seq + 1;
                if (m.Seq == perSender - 1 && ++done == senders) probe.Tell("all in order", Self);
            });
        }
    }

    [Fact]
    public void SystemMessagesGoBeforeQueuedUserMessages()
    {
        using var gate = new ManualResetEventSlim();
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)));
        Watch(actor);
        actor.Tell("block", null);
        ExpectMsg("blocked");
        actor.Tell("queued-1", null);
        actor.Tell("queued-2", null);
        Sys.Stop(actor); // a Terminate system message, queued after the two user messages
        gate.Set();
        // The stop overtook the user messages: they were never handled, they became dead letters.
        var letters = new[] { ExpectMsg<DeadLetter>().Message, ExpectMsg<DeadLetter>().Message };
        Assert.Equal(new object[] { "queued-1", "queued-2" }, letters);
        ExpectTerminated(actor);
    }

    [Theory]
    [InlineData("one-thread")]
    [InlineData("one-thread-short-slice")] // yields once its time slice is over
    public void AnActorFloodingItselfYieldsTheOnlyThreadToOthers(string dispatcher)
    {
        var flooder = Sys.ActorOf(Props.Create(() => new Flooder(TestActor)).WithDispatcher(dispatcher));
        var echo = Sys.ActorOf(Props.Create<EchoActor>().WithDispatcher(dispatcher));
        flooder.Tell("start", null);
        ExpectMsg("flooding");
        echo.Tell("still served", TestActor);
        ExpectMsg("still served");
        Sys.Stop(flooder);
    }

    [Fact]
    public void WithoutATimeSliceARunYieldsAfterThroughputMessages()
    {
        using var gate = new ManualResetEventSlim();
        var busy = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)).WithDispatcher("one-thread-unsliced"));
        var other = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor)).WithDispatcher("one-thread-unsliced"));
        busy.Tell("block", null);
        ExpectMsg("blocked");
        busy.Tell("a1", null);
        busy.Tell("a2", null);
        other.Tell("b", null); // its run is queued behind the busy actor's current run
        gate.Set();
        // Throughput 1: the busy actor's run ends after "block", so the other actor's run goes first.
        Assert.Equal(new object[] { "b", "a1", "a2" }, ReceiveN(3).ToArray());
    }

    [Fact]
    public void WithinItsTimeSliceARunGoesOnPastThroughputMessages()
    {
        using var gate = new ManualResetEventSlim();
        var busy = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)).WithDispatcher("one-thread-sliced"));
        var other = Sys.ActorOf(Props.Create(() => new ReportingActor(TestActor)).WithDispatcher("one-thread-sliced"));
        busy.Tell("block", null);
        ExpectMsg("blocked");
        busy.Tell("a1", null);
        busy.Tell("a2", null);
        other.Tell("b", null);
        gate.Set();
        // Throughput 1 but a 10 s slice: the busy actor's run drains its queue before the other actor runs.
        Assert.Equal(new object[] { "a1", "a2", "b" }, ReceiveN(3).ToArray());
    }

    [Fact]
    public void MessagesFromOneSenderArriveInOrder()
    {
        const int senders = 4, perSender = 20_000;
        var receiver = Sys.ActorOf(Props.Create(() => new PerSenderOrder(TestActor, senders, perSender)));
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++) receiver.Tell((s, i), null);
        })).ToList();
        threads.ForEach(t => t.Start());
        ExpectMsg("all in order", TimeSpan.FromSeconds(10));
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void AQueueThatGrowsIntoLargeSegmentsKeepsEachSendersOrderAndLosesNothing()
    {
        // 4 x 5,000 messages queue up behind a blocked actor: the queue grows through its small segments into large ones
        // (whose positions live apart), every sender racing the others for slots; then the actor drains them all.
        const int senders = 4, perSender = 5_000;
        using var gate = new ManualResetEventSlim();
        var receiver = Sys.ActorOf(Props.Create(() => new PerSenderOrder(TestActor, senders, perSender, gate)));
        receiver.Tell("block", null);
        ExpectMsg("blocked");
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++) receiver.Tell((s, i), null);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        gate.Set();
        ExpectMsg("all in order", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ALargeSegmentReusedAsARingWhileSendersRaceTheActorLosesNothing()
    {
        // The senders first fill the queue behind the blocked actor, so that it grows into large segments; then the actor
        // drains while they go on sending: the last segment is reused lap after lap, and the actor goes idle and is
        // scheduled again now and then, racing the senders.
        const int senders = 3, perSender = 100_000, beforeRelease = 500;
        using var gate = new ManualResetEventSlim();
        using var filled = new CountdownEvent(senders);
        var receiver = Sys.ActorOf(Props.Create(() => new PerSenderOrder(TestActor, senders, perSender, gate)));
        receiver.Tell("block", null);
        ExpectMsg("blocked");
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                receiver.Tell((s, i), null);
                if (i == beforeRelease) filled.Signal();
                if (i % 64 == 0) Thread.Yield(); // let the actor catch up now and then
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.True(filled.Wait(TimeSpan.FromSeconds(10)), "the senders did not fill the queue");
        gate.Set();
        ExpectMsg("all in order", TimeSpan.FromSeconds(20));
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void MessagesLeftInAGrownQueueBecomeDeadLettersWhenTheActorStops()
    {
        const int queued = 10_000;
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)));
        Watch(actor);
        actor.Tell("block", null);
        ExpectMsg("blocked");
        var before = Sys.Counters.DeadLetters;
        for (var i = 0; i < queued; i++) actor.Tell(i, null);
        Sys.Stop(actor); // a system message: handled before the queued user messages, which are then drained
        gate.Set();
        ExpectTerminated(actor);
        AwaitCondition(() => Sys.Counters.DeadLetters - before >= queued, TimeSpan.FromSeconds(10));
        Assert.Equal(queued, Sys.Counters.DeadLetters - before);
    }

    [Fact]
    public void AFullBoundedMailboxDropsTheNewestWithoutBlocking()
    {
        using var gate = new ManualResetEventSlim();
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Dropped));
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)).WithMailbox("small-mailbox"), "bounded");
        actor.Tell("block", null);
        ExpectMsg("blocked");
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= 5; i++) actor.Tell(i, null);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Tell blocked for {clock.Elapsed}");

        var first = ExpectMsg<Dropped>();
        var second = ExpectMsg<Dropped>();
        Assert.Equal(new object[] { 4, 5 }, new[] { first.Message, second.Message });
        Assert.Contains("/user/bounded is full (capacity 3)", first.Reason);
        Assert.Equal(actor, first.Recipient);
        Assert.Equal(2, Sys.Counters.Dropped);

        gate.Set();
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ABoundedMailboxAcceptsAgainOnceDrained()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Support.ReportingActor(TestActor)).WithMailbox("small-mailbox"));
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 3; i++) actor.Tell(i, null);
            ExpectMsg(0);
            ExpectMsg(1);
            ExpectMsg(2);
        }
        Assert.Equal(0, Sys.Counters.Dropped);
    }

    [Fact]
    public void DeploymentConfigurationChoosesTheMailbox()
    {
        using var sys = ActorSystem.Create("deployed", """
            codesight.actor.deployment { "/user/limited" { mailbox = "codesight.actor.bounded-mailbox" } }
            codesight.actor.bounded-mailbox.capacity = 1
            """);
        using var gate = new ManualResetEventSlim();
        var probe = new TestKit.TestProbe(sys);
        var actor = sys.ActorOf(Props.Create(() => new BlockingActor(probe, gate)), "limited");
        actor.Tell("block", null);
        probe.ExpectMsg("blocked");
        actor.Tell(1, null);
        actor.Tell(2, null);
        Assert.Equal(1, sys.Counters.Dropped);
        gate.Set();
        probe.ExpectMsg(1);
    }
}
