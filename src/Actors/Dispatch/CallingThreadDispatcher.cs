namespace CodeSight.Actors.Dispatch;

/// <summary>
/// Runs a mailbox on the thread that made it runnable (the sender's), never on the pool. Test probes use it so that
/// a message is in the probe's queue by the time <c>Tell</c> returns, even when the thread pool is starved. The
/// mailbox's scheduling bit still guarantees one run at a time: a second sender that finds a run in progress leaves
/// its message for that run.
/// </summary>
public sealed class CallingThreadDispatcher : MessageDispatcher
{
    /// <summary>Creates the dispatcher.</summary>
    public CallingThreadDispatcher(string id, int throughput) : base(id, throughput) { }

    /// <summary>Creates the dispatcher with a time slice per mailbox run (see <see cref="MessageDispatcher.ThroughputDeadline"/>).</summary>
    public CallingThreadDispatcher(string id, int throughput, TimeSpan throughputDeadline) : base(id, throughput, throughputDeadline) { }

    /// <inheritdoc />
    public override void Schedule(IThreadPoolWorkItem work) => work.Execute();
}
