namespace CodeSight.Actors.Dispatch;

/// <summary>The default dispatcher: mailbox runs are queued straight onto the .NET thread pool.</summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    /// <summary>Creates the dispatcher.</summary>
    public ThreadPoolDispatcher(string id, int throughput) : base(id, throughput) { }

    /// <inheritdoc />
    public override void Schedule(IThreadPoolWorkItem work) => ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
}
