namespace CodeSight.Actors.Dispatch;

/// <summary>
/// Runs mailboxes on threads. Chosen per actor with <see cref="Props.WithDispatcher"/> or in the
/// <c>codesight.actor.deployment</c> configuration, by the configuration path of its settings.
/// </summary>
public abstract class MessageDispatcher
{
    /// <summary>Creates a dispatcher.</summary>
    /// <param name="id">The configuration path that defines it.</param>
    /// <param name="throughput">User messages a mailbox processes per run before yielding its thread.</param>
    protected MessageDispatcher(string id, int throughput)
    {
        if (throughput < 1) throw new ArgumentOutOfRangeException(nameof(throughput), throughput, $"Dispatcher '{id}': throughput must be at least 1.");
        Id = id;
        Throughput = throughput;
    }

    /// <summary>The configuration path that defines this dispatcher.</summary>
    public string Id { get; }

    /// <summary>User messages a mailbox processes per run before yielding its thread.</summary>
    public int Throughput { get; }

    /// <summary>Queues a work item (a mailbox run) for execution.</summary>
    public abstract void Schedule(IThreadPoolWorkItem work);

    /// <summary>Queues a run that a mailbox schedules for itself at the end of a run (it yielded, or more came).</summary>
    internal virtual void Reschedule(IThreadPoolWorkItem work) => Schedule(work);

    /// <summary>Releases the dispatcher's threads once the actor system has stopped.</summary>
    public virtual void Shutdown() { }
}
