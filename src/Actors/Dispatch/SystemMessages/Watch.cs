namespace CodeSight.Actors.Dispatch;

/// <summary>Asks <see cref="Watchee"/> to tell <see cref="Watcher"/> when it stops.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}
