namespace CodeSight.Actors;

/// <summary>
/// The leanest actor: one method sees every message. Call <see cref="ActorBase.Unhandled"/> for messages you do not
/// handle.
/// </summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
