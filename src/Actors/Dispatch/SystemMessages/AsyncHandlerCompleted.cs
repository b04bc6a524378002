namespace CodeSight.Actors.Dispatch;

/// <summary>The task an async handler returned has finished; the actor may take its next message.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
