using CodeSight.Actors;
using CodeSight.Engine.Discovery;

namespace CodeSight.Engine.Forwarding;

/// <summary>What <see cref="ServerForwarding"/>'s <c>StartAsync</c> decided.</summary>
/// <param name="Location">The server found, or none, with the notes of the search.</param>
/// <param name="Sink">The forwarding sink, or null when the host records embedded only.</param>
/// <param name="Counters">The sink's counters, or null when there is no sink.</param>
public sealed record ForwardingChoice(ServerLocation Location, IActorRef? Sink, ForwarderCounters? Counters)
{
    /// <summary>Whether the host forwards to a server.</summary>
    public bool Forwarding => Sink is not null;
}
