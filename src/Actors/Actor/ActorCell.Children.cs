using CodeSight.Actors.Routing;
using CodeSight.Actors.Supervision;

namespace CodeSight.Actors;

internal sealed partial class ActorCell
{
    public IActorRef ActorOf(Props props, string? name = null) => MakeChild(props, name);

    /// <summary>Creates, registers and starts a child; thread-safe.</summary>
    internal IActorRef MakeChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null) ActorPath.ValidateChildName(name);
        var container = Children();
        ActorCell child;
        IActorRef returned;
        lock (container)
        {
            if (_lifecycle != Alive)
            {
                throw new InvalidOperationException($"Cannot create child '{name ?? "(generated)"}' of {Self.Path}: it is stopping.");
            }
            name ??= container.NextName();
            if (container.Contains(name))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique: {Self.Path} already has a child of that name.");
            }
            var path = Self.Path.Child(name);
            if (props.Router is { } router)
            {
                (child, returned) = RouterFactory.Create(this, router, props, path);
            }
            else
            {
                child = System.NewCell(props, path, SelfRef);
                returned = child.Self;
            }
            container.Add(name, child.SelfRef);
        }
        child.Start();
        return returned;
    }

    private ChildrenContainer Children()
    {
        var container = Volatile.Read(ref _children);
        if (container is not null) return container;
        Interlocked.CompareExchange(ref _children, new ChildrenContainer(), null);
        return _children!;
    }

    public IReadOnlyList<IActorRef> GetChildren()
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return [];
        lock (container)
        {
            return container.Refs();
        }
    }

    public IActorRef? Child(string name)
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return null;
        lock (container) return container.RefOf(name);
    }

    /// <summary>Stops a child, itself, or any local actor.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target) throw new ArgumentException($"Cannot stop {actor}: it is not an actor of this system.", nameof(actor));
        var container = Volatile.Read(ref _children);
        if (container is not null)
        {
            lock (container)
            {
                if (container.Contains(actor)) container.MarkStopping(target);
            }
        }
        target.SendSystemMessage(new Dispatch.Terminate());
    }

    private List<ChildRestartStats> ChildStatsSnapshot()
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return [];
        lock (container) return container.Snapshot();
    }

    private bool TryGetChildStats(IActorRef child, out ChildRestartStats stats, out bool stopping)
    {
        stopping = false;
        var container = Volatile.Read(ref _children);
        if (container is null)
        {
            stats = null!;
            return false;
        }
        lock (container)
        {
            if (!container.TryGet(child, out stats)) return false;
            stopping = container.IsStopping(child);
            return true;
        }
    }

    private void HandleChildTerminated(IInternalActorRef child)
    {
        var container = Volatile.Read(ref _children);
        int remaining, stopping;
        if (container is null) return;
        lock (container)
        {
            container.Remove(child);
            remaining = container.Count;
            stopping = container.StoppingCount;
        }
        if (_lifecycle == Terminating && remaining == 0) FinishTerminate();
        else if (_extras?.PendingRecreate is { } cause && stopping == 0) FinishRecreate(cause);
    }

    private (int Remaining, int Stopping) ChildCounts()
    {
        var container = Volatile.Read(ref _children);
        if (container is null) return (0, 0);
        lock (container) return (container.Count, container.StoppingCount);
    }
}
