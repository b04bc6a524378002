namespace CodeSight.Actors.Dispatch;

/// <summary>Tells a supervisor that its child failed with <see cref="Cause"/> and is suspended.</summary>
internal sealed class Failed(IInternalActorRef child, Exception cause, object? failedMessage) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public object? FailedMessage { get; } = failedMessage;
}
