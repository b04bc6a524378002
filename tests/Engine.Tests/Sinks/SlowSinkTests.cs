using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class SlowSinkTests() : CodeSight.TestKit.TestKit("codesight.engine.sinks.mailbox-capacity = 4")
{
    [Fact]
    public async Task AFullSinkMailboxDropsTheNewestSignalsWithoutBlockingTheProducer()
    {
        using var gate = new SemaphoreSlim(0);
        using var entered = new SemaphoreSlim(0);
        var names = new List<string>();
        var counters = new SinkCounters();
        var sink = Sys.ActorOf(BlockingSink.Props(gate, entered, names, counters), "slow");
        var drops = CreateTestProbe();
        Sys.EventStream.Subscribe(drops.Ref, typeof(Dropped));
        try
        {
            // Make sure the sink subscribed, then park it inside its first write.
            await sink.Ask<SinkFlushed>(FlushSink.Instance);
            Sys.EventStream.Publish(SomeProbes.Close("s0"));
            Assert.True(entered.Wait(TimeSpan.FromSeconds(5)), "the sink never started its first write");

            // The producer runs to the end while the sink stays blocked: 4 signals fit, 6 are dropped.
            for (var i = 1; i <= 10; i++) Sys.EventStream.Publish(SomeProbes.Close("s" + i));
            Assert.Equal(0, gate.CurrentCount);

            var dropped = drops.ReceiveN(6).Cast<Dropped>().ToList();
            Assert.All(dropped, d => Assert.Equal(sink, d.Recipient));
            Assert.Equal(["s5", "s6", "s7", "s8", "s9", "s10"], dropped.Select(d => ((Signal)d.Message).Probe.Name));
            Assert.Contains("capacity 4", dropped[0].Reason);
            Assert.Equal(6, Sys.Counters.Dropped);

            var whileBlocked = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
            Assert.Equal(new SinkStats(sink.Path.ToString(), "blocking", 0, 6, 0), whileBlocked.For(sink.Path.ToString()));
        }
        finally
        {
            gate.Release(100);
        }

        // The mailbox is still full right after the release: wait for the backlog before asking anything.
        AwaitCondition(() => counters.Written == 5);
        var flushed = await sink.Ask<SinkFlushed>(FlushSink.Instance);
        Assert.Equal(5, flushed.Written);
        lock (names) Assert.Equal(["s0", "s1", "s2", "s3", "s4"], names);
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        Assert.Equal(new SinkStats(sink.Path.ToString(), "blocking", 5, 6, 0), report.For(sink.Path.ToString()));
        Assert.Equal(6, report.TotalDropped);
    }

    [Fact]
    public async Task TheRecorderKeepsRecordingWhileASinkIsBlocked()
    {
        using var gate = new SemaphoreSlim(0);
        using var entered = new SemaphoreSlim(0);
        var counters = new SinkCounters();
        var sink = Sys.ActorOf(BlockingSink.Props(gate, entered, [], counters));
        var closes = CreateTestProbe();
        Sys.EventStream.Subscribe(closes.Ref, typeof(CloseSignal));
        var engine = CodeSightEngine.Start(Sys);
        try
        {
            await sink.Ask<SinkFlushed>(FlushSink.Instance);
            for (var i = 0; i < 20; i++)
            {
                using var root = engine.Recorder.OpenTrail("turn-" + i);
            }

            // Every trail still completes and reaches an unbounded subscriber while the sink is stuck.
            var names = closes.ReceiveN(20).Cast<CloseSignal>().Select(c => c.Probe.Name).ToHashSet();
            Assert.Equal(20, names.Count);
            Assert.True(entered.Wait(TimeSpan.FromSeconds(5)));
            // Drops reach the sink's counters through the health actor, which hears of them from the trails' threads:
            // wait until the fifteen that must be dropped have been charged before reading the report.
            AwaitCondition(() => counters.Dropped >= 15, message: "the full sink's drops are charged to it");
            var whileBlocked = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
            // At most 1 in the write and 4 queued get through; concurrent producers racing for the last slot can
            // make the kernel drop one or two more, never fewer.
            Assert.InRange(whileBlocked.For(sink.Path.ToString()).Dropped, 15, 19);
            gate.Release(100);
            AwaitCondition(() => counters.Written + counters.Dropped == 20, message: "every close signal is either written or dropped");
            Assert.Equal(counters.Dropped, Sys.Counters.Dropped);
        }
        finally
        {
            gate.Release(100);
        }
    }

    [Fact]
    public async Task ARestartedSinkKeepsItsCountersAndOneEntryInTheReport()
    {
        var counters = new SinkCounters();
        var sink = Sys.ActorOf(FaultySink.Props(counters), "faulty");
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        Sys.EventStream.Publish(SomeProbes.Close("fine"));
        Sys.EventStream.Publish(SomeProbes.Close("crash"));
        // After the restart the sink subscribes again; a flush round trip proves it is running.
        AwaitCondition(() => Sys.Counters.ActorFailures == 1);
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        Sys.EventStream.Publish(SomeProbes.Close("after"));
        var flushed = await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Equal(2, flushed.Written);
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        Assert.Single(report.Sinks, s => s.Sink == sink.Path.ToString());
        Assert.Equal(2, report.For(sink.Path.ToString()).Written);
    }

    [Fact]
    public async Task AStatsReportNamesTheRegisteredSinksWhenAskedForAnUnknownOne()
    {
        var sink = Sys.ActorOf(StreamSink.Props(new MemoryStream()), "mem");
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        var error = Assert.Throws<KeyNotFoundException>(() => report.For("/user/nope"));
        Assert.Contains("/user/nope", error.Message);
        Assert.Contains(sink.Path.ToString(), error.Message);
    }
}
