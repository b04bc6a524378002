using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Tests.Support;

/// <summary>
/// A host actor that records through plain messages to the engine's router: for each <see cref="RunEpisode"/> it
/// opens a trail, a turn per step with a tool call inside, notes, and closes everything; it replies with the trail id.
/// </summary>
public sealed class AgentActor(IActorRef router) : ActorBase
{
    public sealed record RunEpisode(int Turns, bool FailLastTool = false);

    protected override bool Receive(object message)
    {
        if (message is not RunEpisode episode) return false;
        var trail = TrailId.New();
        var root = ProbeId.New();
        router.Tell(new OpenProbe(trail, root, null, ProbeKind.Run, "episode", ProbeAttributes.Empty), Self);
        for (var i = 0; i < episode.Turns; i++)
        {
            var turn = ProbeId.New();
            var tool = ProbeId.New();
            router.Tell(new OpenProbe(trail, turn, root, ProbeKind.Turn, $"turn {i}", ProbeAttributes.Empty), Self);
            router.Tell(new OpenProbe(trail, tool, turn, ProbeKind.Tool, "search", ProbeAttributes.Empty), Self);
            router.Tell(new UpdateProbe(trail, tool, new Dictionary<string, object?> { ["hits"] = i }), Self);
            if (episode.FailLastTool && i == episode.Turns - 1)
            {
                router.Tell(new FailProbe(trail, tool, new ProbeFault("search index offline", "IOException")), Self);
            }
            router.Tell(new CloseProbe(trail, tool), Self);
            router.Tell(new CloseProbe(trail, turn), Self);
        }
        router.Tell(new CloseProbe(trail, root), Self);
        Sender.Tell(trail, Self);
        return true;
    }
}
