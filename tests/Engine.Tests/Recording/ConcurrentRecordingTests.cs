using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary>A demo-like run: agent actors and a plain loop record at the same time, and every trail comes out whole.</summary>
public sealed class ConcurrentRecordingTests : EngineTestKit
{
    [Fact]
    public async Task AgentActorsAndAPlainLoopRecordConcurrentlyAndEveryTrailCompletes()
    {
        const int agents = 3;
        const int episodesPerAgent = 20;
        const int loopTrails = 40;
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var collector = CollectorSink.Start(Sys, "collector");

        var expectedProbes = new Dictionary<TrailId, int>();
        var loop = Task.Run(() =>
        {
            var trails = new List<(TrailId, int)>();
            for (var t = 0; t < loopTrails; t++)
            {
                using var frame = engine.Recorder.OpenTrail($"frame {t}", ProbeKind.Run);
                var systems = t % 5;
                for (var s = 0; s < systems; s++)
                {
                    using var step = frame.Child(ProbeKind.Custom, "physics");
                    step.Note("bodies", s * 10);
                }
                trails.Add((frame.TrailId, 1 + systems));
            }
            return trails;
        });

        var replies = CreateTestProbe();
        var agentRefs = Enumerable.Range(0, agents).Select(a => Sys.ActorOf(Props.Create(() => new AgentActor(engine.Router)), $"agent-{a}")).ToArray();
        for (var e = 0; e < episodesPerAgent; e++)
        {
            foreach (var agent in agentRefs) agent.Tell(new AgentActor.RunEpisode(1 + e % 4), replies.Ref);
        }
        for (var e = 0; e < episodesPerAgent; e++)
        {
            foreach (var _ in agentRefs)
            {
                // Replies come back in order per agent, but the agents interleave: match by id, not by position.
                var trail = replies.ExpectMsg<TrailId>();
                expectedProbes[trail] = -1;
            }
        }
        foreach (var (trail, probes) in await loop) expectedProbes[trail] = probes;

        var completed = completions.ReceiveN(expectedProbes.Count, TimeSpan.FromSeconds(20)).Cast<TrailCompleted>().ToList();
        Assert.Equal(expectedProbes.Keys.ToHashSet(), completed.Select(c => c.TrailId).ToHashSet());
        foreach (var trail in completed)
        {
            var expected = expectedProbes[trail.TrailId];
            if (expected < 0)
            {
                // An agent episode: a root plus a turn and a tool per turn.
                Assert.Equal(1, trail.Probes.Count % 2);
                Assert.InRange(trail.Probes.Count, 3, 9);
            }
            else
            {
                Assert.Equal(expected, trail.Probes.Count);
            }
            Assert.All(trail.Probes, p => Assert.Equal(ProbeStatus.Ok, p.Status));
        }
        var agentProbeCounts = completed.Where(c => expectedProbes[c.TrailId] < 0).GroupBy(c => c.Probes.Count).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [3] = 15, [5] = 15, [7] = 15, [9] = 15 }, agentProbeCounts);
        AwaitCondition(() => engine.RunningTrails == 0);

        var totalProbes = completed.Sum(c => c.Probes.Count);
        Assert.Equal(totalProbes, engine.Counters.ProbesOpened.Value);
        Assert.Equal(totalProbes, engine.Counters.ProbesClosed.Value);
        var collected = await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(totalProbes, collected.Probes.Count);
    }
}
