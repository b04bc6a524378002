namespace CodeSight.Actors.Dispatch;

/// <summary>Tells a watcher that <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
