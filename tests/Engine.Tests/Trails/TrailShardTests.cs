using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Support;
using CodeSight.Engine.Trails;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>
/// Trail actors live in shards: one shard's mailbox carries many trails, ended trail actors are reused, and a trail
/// that throws is dropped alone. None of that may show from outside.
/// </summary>
public sealed class TrailShardTests : EngineTestKit
{
    public TrailShardTests()
        : base("codesight.engine.trail.shards = 1")
    {
    }

    [Fact]
    public void ATrailActorReusedForTheNextTrailCarriesNothingOver()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var first = TrailId.New();
        var firstRoot = ProbeId.New();
        var firstChild = ProbeId.New();
        engine.Router.Tell(Open(first, firstRoot, null, 1, "first"));
        engine.Router.Tell(Open(first, firstChild, firstRoot, 2, "first child"));
        engine.Router.Tell(Close(first, firstChild, 3));
        engine.Router.Tell(Close(first, firstRoot, 4));
        Assert.Equal(first, completions.ExpectMsg<TrailCompleted>().TrailId);

        // One shard, and it keeps ended trail actors: the next trail gets the same object back.
        var second = TrailId.New();
        var secondRoot = ProbeId.New();
        engine.Router.Tell(Open(second, secondRoot, null, 10, "second"));
        engine.Router.Tell(Open(second, ProbeId.New(), firstChild, 11, "child of the first trail's probe"));
        engine.Router.Tell(Open(second, firstChild, secondRoot, 12, "reuses an id the first trail had"));
        engine.Router.Tell(Close(second, firstChild, 13));
        engine.Router.Tell(Close(second, secondRoot, 14));

        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(second, completed.TrailId);
        Assert.Equal(secondRoot, completed.Root.Id);
        Assert.Equal(["second", "reuses an id the first trail had"], completed.Probes.Select(p => p.Name));
        Assert.All(completed.Probes, p => Assert.Equal(second, p.TrailId));
        Assert.Equal(1, engine.Counters.RejectedOpens.Value);
    }

    [Fact]
    public void AReusedTrailActorUnderTailSamplingPublishesOnlyItsOwnTrail()
    {
        var engine = StartEngine(new EngineOptions { TailPolicy = new TailSamplingPolicy(keepErrors: true, TimeSpan.Zero, NeverGate.Instance) });
        var signals = Subscribe<Signal>();
        var dropped = engine.Recorder.OpenTrail("clean");
        dropped.Child(ProbeKind.Tool, "fine").Close();
        dropped.Close();
        AwaitCondition(() => engine.Counters.TrailsDroppedByTail.Value == 1);

        var kept = engine.Recorder.OpenTrail("failing");
        var tool = kept.Child(ProbeKind.Tool, "broken");
        tool.Fail(new InvalidOperationException("boom"));
        tool.Close();
        kept.Close();

        var published = signals.ReceiveN(5).Cast<Signal>().ToList();
        Assert.All(published, s => Assert.Equal(kept.TrailId, s.Probe.TrailId));
        Assert.Equal(
            [(SignalPhase.Open, kept.Id), (SignalPhase.Open, tool.Id), (SignalPhase.Update, tool.Id), (SignalPhase.Close, tool.Id), (SignalPhase.Close, kept.Id)],
            published.Select(s => (s.Phase, s.Probe.Id)));
        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TrailsOfOneShardTakeTurnsSoAnOpenTrailDoesNotHoldUpOthers()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var busy = engine.Recorder.OpenTrail("long running");
        var open = busy.Child(ProbeKind.Model, "still thinking");
        for (var i = 0; i < 200; i++) open.Note("step", i);

        var shorts = new HashSet<TrailId>();
        for (var t = 0; t < 50; t++)
        {
            using var trail = engine.Recorder.OpenTrail($"short {t}");
            trail.Child(ProbeKind.Tool, "tool").Close();
            shorts.Add(trail.TrailId);
        }

        var completed = completions.ReceiveN(50, TimeSpan.FromSeconds(10)).Cast<TrailCompleted>().Select(c => c.TrailId).ToHashSet();
        Assert.Equal(shorts, completed);
        Assert.Equal(1, engine.RunningTrails);
        open.Close();
        busy.Close();
        Assert.Equal(busy.TrailId, completions.ExpectMsg<TrailCompleted>().TrailId);
    }

    [Fact]
    public void TrailIdsSpreadEvenlyOverTheShards()
    {
        const int shards = 8;
        const int ids = 80_000;
        var counts = new int[shards];
        for (var i = 0; i < ids; i++) counts[TrailShard.IndexOf(TrailId.New(), shards)]++;
        // Each shard's expected share is 10,000 with a standard deviation near 94: 5% either side is over 5 sigma.
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void ATrailAlwaysMapsToTheSameShard()
    {
        var id = TrailId.Parse("4bf92f3577b34da6a3ce929d0e0e4736");
        var index = TrailShard.IndexOf(id, 7);
        Assert.InRange(index, 0, 6);
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(index, TrailShard.IndexOf(TrailId.Parse(id.ToString()), 7)));
    }

    [Fact]
    public void ATrailThatThrowsIsDroppedAndCountedWhileItsShardCarriesOn()
    {
        var poisoned = new PoisonGate();
        var engine = StartEngine(new EngineOptions { TailPolicy = new TailSamplingPolicy(keepErrors: false, TimeSpan.Zero, poisoned) });
        var completions = Subscribe<TrailCompleted>();
        var bad = engine.Recorder.OpenTrail("poisoned");
        poisoned.Poison = bad.TrailId;
        bad.Close();
        AwaitCondition(() => engine.Counters.TrailFailures.Value == 1);
        AwaitCondition(() => engine.RunningTrails == 0);

        var good = engine.Recorder.OpenTrail("healthy");
        good.Child(ProbeKind.Tool, "tool").Close();
        good.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(good.TrailId, completed.TrailId);
        Assert.Equal(2, completed.Probes.Count);
        Assert.Equal(1, engine.Counters.TrailFailures.Value);
    }

    [Fact]
    public void AMessageForATrailThatAlreadyEndedIsCounted()
    {
        var engine = StartEngine();
        var root = EndedTrail(engine);

        // Open, note and close: three messages (a note after the open makes the close travel on its own).
        var late = root.Child(ProbeKind.Tool, "too late");
        late.Note("attempt", 1);
        late.Close();
        AwaitCondition(() => engine.Counters.MessagesForUnknownTrails.Value == 3);
        Assert.Equal(0, engine.RunningTrails);
    }

    [Fact]
    public void ALateProbeOpenedAndClosedAtOnceCountsItsOpenAndItsCloseWhetherOrNotTheyTravelledTogether()
    {
        var engine = StartEngine();
        var root = EndedTrail(engine);

        // Nothing comes between them, so the close often rides along with the open: still two messages counted.
        for (var i = 1; i <= 20; i++)
        {
            root.Child(ProbeKind.Tool, "too late " + i).Close();
            AwaitCondition(() => engine.Counters.MessagesForUnknownTrails.Value == 2 * i, interval: TimeSpan.FromMilliseconds(5));
        }

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(40, engine.Counters.MessagesForUnknownTrails.Value);
    }

    [Fact]
    public async Task EachTrailSeesItsSignalsInItsProducersOrderWhileProducersRaceOnFewShards()
    {
        const int producers = 4;
        const int trailsPerProducer = 25;
        const int children = 5;
        var engine = StartEngine();
        var collector = CollectorSink.Start(Sys, "collector");

        var expected = new System.Collections.Concurrent.ConcurrentDictionary<TrailId, List<(SignalPhase, ProbeId)>>();
        var start = new Barrier(producers);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var t = 0; t < trailsPerProducer; t++)
            {
                var root = engine.Recorder.OpenTrail($"p{p} t{t}");
                var order = new List<(SignalPhase, ProbeId)> { (SignalPhase.Open, root.Id) };
                for (var c = 0; c < children; c++)
                {
                    var child = root.Child(ProbeKind.Tool, $"c{c}");
                    order.Add((SignalPhase.Open, child.Id));
                    if (c % 2 == 0)
                    {
                        child.Note("n", c);
                        order.Add((SignalPhase.Update, child.Id));
                    }
                    child.Close();
                    order.Add((SignalPhase.Close, child.Id));
                }
                root.Close();
                order.Add((SignalPhase.Close, root.Id));
                expected[root.TrailId] = order;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        AwaitCondition(() => engine.Counters.TrailsCompleted.Value == producers * trailsPerProducer, TimeSpan.FromSeconds(20));

        var signals = (await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(5))).Signals;
        var byTrail = signals.GroupBy(s => s.Probe.TrailId).ToDictionary(g => g.Key, g => g.Select(s => (s.Phase, s.Probe.Id)).ToList());
        Assert.Equal(expected.Keys.ToHashSet(), byTrail.Keys.ToHashSet());
        foreach (var (trail, order) in expected) Assert.Equal(order, byTrail[trail]);
    }

    [Fact]
    public void TheShardCountComesFromSettingsAndZeroMeansOnePerCore()
    {
        var configured = new EngineSettings(ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.engine.trail.shards = 3")));
        Assert.Equal(3, configured.TrailShards);
        var automatic = new EngineSettings(ConfigurationFactory.Load());
        Assert.Equal(Math.Max(2, Environment.ProcessorCount), automatic.TrailShards);
        var error = Assert.Throws<ConfigurationException>(() =>
            new EngineSettings(ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.engine.trail.shards = -1"))));
        Assert.Contains("codesight.engine.trail.shards", error.Message);
    }

    /// <summary>A head sample that throws for one trail, so that trail's actor fails at completion.</summary>
    private sealed class PoisonGate : ISamplingGate
    {
        public TrailId Poison { get; set; }

        public bool Verdict(TrailId id) => id == Poison ? throw new InvalidOperationException("poisoned trail") : true;
    }
}
