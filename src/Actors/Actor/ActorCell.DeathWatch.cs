using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target) throw new ArgumentException($"Cannot watch {subject}: it is not an actor of this system.", nameof(subject));
        if (target.Equals(Self)) return subject;
        var extras = _extras ??= new Extras();
        if ((extras.Watching ??= new HashSet<IInternalActorRef>()).Add(target))
        {
            target.SendSystemMessage(new Watch(target, SelfRef));
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target || _extras is null) return subject;
        _extras.TerminatedQueued?.Remove(subject);
        if (_extras.Watching?.Remove(target) == true)
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (!watchee.Equals(Self) || watcher.Equals(Self)) return;
        if (_lifecycle == TerminatedState)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
            return;
        }
        ((_extras ??= new Extras()).WatchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => _extras?.WatchedBy?.Remove(watcher);

    /// <summary>A watched actor stopped: queue <see cref="Terminated"/> behind the messages already here.</summary>
    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (_extras?.Watching is not { } watching || actor is not IInternalActorRef target || !watching.Remove(target)) return;
        (_extras.TerminatedQueued ??= new HashSet<IActorRef>()).Add(actor);
        SelfRef.Tell(new Terminated(actor, existenceConfirmed), actor);
    }

    /// <summary>Delivers a queued <see cref="Terminated"/> unless the watch was withdrawn after it was queued.</summary>
    private void ReceivedTerminated(Terminated terminated)
    {
        if (_extras?.TerminatedQueued?.Remove(terminated.ActorRef) != true) return;
        ReceiveMessage(terminated);
    }

    private void TellWatchersWeDied()
    {
        if (_extras?.WatchedBy is not { } watchers) return;
        foreach (var watcher in watchers) watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
        watchers.Clear();
    }

    private void UnwatchWatchedActors()
    {
        if (_extras?.Watching is not { } watching) return;
        foreach (var target in watching) target.SendSystemMessage(new Unwatch(target, SelfRef));
        watching.Clear();
        _extras.TerminatedQueued?.Clear();
    }
}
