namespace CodeSight.Actors.Dispatch;

/// <summary>The default dispatcher: mailbox runs are queued straight onto the .NET thread pool.</summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    /// <summary>Creates the dispatcher.</summary>
    public ThreadPoolDispatcher(string id, int throughput) : base(id, throughput) { }

    /// <summary>Creates the dispatcher with a time slice per mailbox run (see <see cref="MessageDispatcher.ThroughputDeadline"/>).</summary>
    public ThreadPoolDispatcher(string id, int throughput, TimeSpan throughputDeadline) : base(id, throughput, throughputDeadline) { }

    /// <inheritdoc />
    /// <remarks>
    /// A run scheduled from a pool thread (an actor telling another) goes to that thread's local queue: no
    /// contention on the global queue, the receiver runs where the message is still in cache, and idle threads
    /// steal from it. From any other thread it goes to the global queue.
    /// </remarks>
    public override void Schedule(IThreadPoolWorkItem work)
    {
        t_localSchedules++;
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: true);
    }

    // Runs this thread has pushed onto its local queue (from a non-pool thread they went to the global queue, but
    // no run executes on such a thread to look at the count). Only ever compared for change on the same thread.
    [ThreadStatic] private static int t_localSchedules;

    internal override int LocalScheduleMark => t_localSchedules;

    // A thread pops its local queue newest-first, so a run that yielded its thread and pushed itself there would be
    // taken again at once by the same thread, ahead of the runs it yielded to. The global queue is first-in,
    // first-out: yielding stays fair.
    internal override void Reschedule(IThreadPoolWorkItem work) => ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
}
