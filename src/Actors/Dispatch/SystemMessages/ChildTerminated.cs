namespace CodeSight.Actors.Dispatch;

/// <summary>Tells a parent that its child <see cref="Child"/> has stopped.</summary>
internal sealed class ChildTerminated(IInternalActorRef child) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;
}
