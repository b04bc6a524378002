using System.Collections.Concurrent;

namespace CodeSight.Actors.Dispatch;

/// <summary>
/// A dispatcher with its own threads, for actors that block (file or database I/O, such as the SQLite writer): a
/// blocked actor here never takes a thread from the .NET pool, so the rest of the system keeps running.
/// </summary>
public sealed class DedicatedThreadDispatcher : MessageDispatcher
{
    private readonly BlockingCollection<IThreadPoolWorkItem> _work = new(new ConcurrentQueue<IThreadPoolWorkItem>());
    private readonly Thread[] _threads;

    /// <summary>Creates the dispatcher and starts its threads (background threads named after <paramref name="id"/>).</summary>
    public DedicatedThreadDispatcher(string id, int throughput, int threadCount) : this(id, throughput, threadCount, TimeSpan.Zero)
    {
    }

    /// <summary>
    /// Creates the dispatcher with a time slice per mailbox run (see <see cref="MessageDispatcher.ThroughputDeadline"/>)
    /// and starts its threads.
    /// </summary>
    public DedicatedThreadDispatcher(string id, int throughput, int threadCount, TimeSpan throughputDeadline) : base(id, throughput, throughputDeadline)
    {
        if (threadCount < 1) throw new ArgumentOutOfRangeException(nameof(threadCount), threadCount, $"Dispatcher '{id}': thread-count must be at least 1.");
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"{id}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>The threads this dispatcher owns (for diagnostics and tests).</summary>
    public IReadOnlyList<Thread> Threads => _threads;

    /// <inheritdoc />
    public override void Schedule(IThreadPoolWorkItem work)
    {
        if (!_work.IsAddingCompleted)
        {
            try
            {
                _work.Add(work);
                return;
            }
            catch (InvalidOperationException)
            {
                // Shut down between the check and the add: fall through and run it on the pool so no message is stranded.
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
    }

    /// <inheritdoc />
    public override void Shutdown()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads)
        {
            if (thread != Thread.CurrentThread) thread.Join();
        }
    }

    private void Run()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work.Execute();
        }
    }
}
