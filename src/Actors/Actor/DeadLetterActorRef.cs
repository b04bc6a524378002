using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

/// <summary><c>/deadLetters</c>: whatever is told to it is counted and published as a dead letter.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, existenceConfirmed: false));
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"[{Path}]";
}
