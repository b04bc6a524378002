namespace CodeSight.Actors;

/// <summary>
/// What an actor may see and do about itself while it processes a message: its identity, the sender, its children,
/// watching others, and changing its behaviour. Only valid on the actor's own turn.
/// </summary>
public interface IActorContext
{
    /// <summary>The actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the current message, or dead letters when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system.</summary>
    ActorSystem System { get; }

    /// <summary>The props the actor was created from.</summary>
    Props Props { get; }

    /// <summary>The live children.</summary>
    IReadOnlyList<IActorRef> GetChildren();

    /// <summary>The child with the given name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child actor. Names must be unique among siblings; null generates one.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child, or the actor itself, asynchronously.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks to receive <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Withdraws a watch; no <see cref="Terminated"/> for it arrives afterwards.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the behaviour pushed last.</summary>
    void UnbecomeStacked();

    /// <summary>
    /// Sends <see cref="CodeSight.Actors.ReceiveTimeout"/> to the actor when no message arrived for
    /// <paramref name="timeout"/>; null turns it off.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The current receive timeout, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }
}
