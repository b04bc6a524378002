namespace CodeSight.Actors.Dispatch;

/// <summary>
/// An <c>await</c> continuation of an async handler, run inside the actor so that it sees the actor's context.
/// </summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}
