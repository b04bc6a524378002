using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Sampling;

/// <summary>Host actors that send plain OpenProbe/UpdateProbe/FailProbe/CloseProbe messages to <c>engine.Router</c>.</summary>
public sealed class HostActorTests : EngineTestKit
{
    [Fact]
    public void AHostActorsMessagesBecomeACompletedTrail()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var agent = Sys.ActorOf(Props.Create(() => new AgentActor(engine.Router)), "agent");
        agent.Tell(new AgentActor.RunEpisode(3, FailLastTool: true), TestActor);
        var trail = ExpectMsg<TrailId>();

        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(trail, completed.TrailId);
        Assert.Equal(7, completed.Probes.Count);
        Assert.Equal("episode", completed.Root.Name);
        Assert.Equal(
            [ProbeKind.Run, ProbeKind.Turn, ProbeKind.Tool, ProbeKind.Turn, ProbeKind.Tool, ProbeKind.Turn, ProbeKind.Tool],
            completed.Probes.Select(p => p.Kind));
        var lastTool = completed.Probes[^1];
        Assert.Equal(ProbeStatus.Error, lastTool.Status);
        Assert.Equal("search index offline", lastTool.Fault?.Message);
        Assert.Equal(2, lastTool.Attributes["hits"]);
        Assert.All(completed.Probes.Take(6), p => Assert.Equal(ProbeStatus.Ok, p.Status));
        // Unstamped messages are stamped by the engine's clock on arrival: times never run backwards.
        Assert.All(completed.Probes, p => Assert.True(p.EndedAt >= p.StartedAt));
        Assert.All(completed.Probes.Skip(1), p => Assert.True(p.StartedAt >= completed.Root.StartedAt));
    }
}
