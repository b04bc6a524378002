namespace CodeSight.Actors.Routing;

/// <summary>A routee that is an actor.</summary>
/// <param name="actor">The actor.</param>
public sealed class ActorRefRoutee(IActorRef actor) : Routee
{
    /// <summary>The actor.</summary>
    public IActorRef Actor { get; } = actor ?? throw new ArgumentNullException(nameof(actor));

    /// <inheritdoc />
    public override void Send(object message, IActorRef? sender) => Actor.Tell(message, sender);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorRefRoutee other && other.Actor.Equals(Actor);

    /// <inheritdoc />
    public override int GetHashCode() => Actor.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"ActorRefRoutee({Actor.Path})";
}
