using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

/// <summary>
/// Installed while an async handler runs: every <c>await</c> continuation is posted back to the actor as a system
/// message, so it runs inside the actor (one at a time, with its context) while ordinary messages wait.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.SelfRef.SendSystemMessage(new RunContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
