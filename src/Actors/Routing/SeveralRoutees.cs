namespace CodeSight.Actors.Routing;

/// <summary>A routee standing for several: sending to it sends to each (used by broadcast).</summary>
/// <param name="routees">The routees.</param>
public sealed class SeveralRoutees(IReadOnlyList<Routee> routees) : Routee
{
    /// <summary>The routees.</summary>
    public IReadOnlyList<Routee> Routees { get; } = routees;

    /// <inheritdoc />
    public override void Send(object message, IActorRef? sender)
    {
        for (var i = 0; i < Routees.Count; i++) Routees[i].Send(message, sender);
    }
}
