using System.Diagnostics;

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
    protected MessageDispatcher(string id, int throughput) : this(id, throughput, TimeSpan.Zero)
    {
    }

    /// <summary>Creates a dispatcher whose mailbox runs may go on past <paramref name="throughput"/> messages.</summary>
    /// <param name="id">The configuration path that defines it.</param>
    /// <param name="throughput">
    /// User messages a mailbox processes per run when <paramref name="throughputDeadline"/> is zero; otherwise how
    /// many it processes between looks at the clock.
    /// </param>
    /// <param name="throughputDeadline">
    /// The time slice of one mailbox run: while its queue is not empty, a run keeps its thread until this much time
    /// has passed, in batches of <paramref name="throughput"/>. Zero: a run ends after <paramref name="throughput"/>
    /// messages.
    /// </param>
    protected MessageDispatcher(string id, int throughput, TimeSpan throughputDeadline)
    {
        if (throughput < 1) throw new ArgumentOutOfRangeException(nameof(throughput), throughput, $"Dispatcher '{id}': throughput must be at least 1.");
        if (throughputDeadline < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(throughputDeadline), throughputDeadline, $"Dispatcher '{id}': throughput-deadline must not be negative.");
        Id = id;
        Throughput = throughput;
        ThroughputDeadline = throughputDeadline;
        // Stopwatch ticks, the unit the mailbox reads the clock in; at least one tick so that "on" stays on.
        DeadlineTicks = throughputDeadline == TimeSpan.Zero ? 0 : Math.Max(1, (long)(throughputDeadline.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>The configuration path that defines this dispatcher.</summary>
    public string Id { get; }

    /// <summary>User messages a mailbox processes per run before yielding its thread.</summary>
    public int Throughput { get; }

    /// <summary>
    /// The time slice of one mailbox run while its queue stays non-empty (zero: a run ends after
    /// <see cref="Throughput"/> messages).
    /// </summary>
    public TimeSpan ThroughputDeadline { get; }

    /// <summary><see cref="ThroughputDeadline"/> in <see cref="Stopwatch"/> ticks; 0 when off.</summary>
    internal long DeadlineTicks { get; }

    /// <summary>Queues a work item (a mailbox run) for execution.</summary>
    public abstract void Schedule(IThreadPoolWorkItem work);

    /// <summary>
    /// A count that changes whenever this thread has queued work that waits for it (a thread-pool thread's local
    /// queue): a mailbox run compares it to decide whether to go on past <see cref="Throughput"/> messages. Always 0
    /// for dispatchers without per-thread queues.
    /// </summary>
    internal virtual int LocalScheduleMark => 0;

    /// <summary>Queues a run that a mailbox schedules for itself at the end of a run (it yielded, or more came).</summary>
    internal virtual void Reschedule(IThreadPoolWorkItem work) => Schedule(work);

    /// <summary>Releases the dispatcher's threads once the actor system has stopped.</summary>
    public virtual void Shutdown() { }
}
