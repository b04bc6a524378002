using System.Diagnostics;

namespace CodeSight.TestKit.Internal;

/// <summary>
/// The messages a probe received and the test has not looked at yet. Waiting uses a monitor, never a task: an
/// expectation must still see a message when every thread-pool thread is blocked.
/// </summary>
internal sealed class ProbeQueue
{
    private readonly object _gate = new();
    private readonly LinkedList<ReceivedMessage> _items = new();

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    public void Add(ReceivedMessage item)
    {
        lock (_gate)
        {
            _items.AddLast(item);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Takes the oldest message, waiting up to <paramref name="timeout"/> (zero: only look).</summary>
    public bool TryTake(TimeSpan timeout, out ReceivedMessage item) => TryGet(timeout, remove: true, out item);

    /// <summary>Looks at the oldest message without taking it, waiting up to <paramref name="timeout"/>.</summary>
    public bool TryPeek(TimeSpan timeout, out ReceivedMessage item) => TryGet(timeout, remove: false, out item);

    /// <summary>Removes every queued message that matches; returns how many.</summary>
    public int RemoveAll(Predicate<ReceivedMessage> match)
    {
        lock (_gate)
        {
            var removed = 0;
            for (var node = _items.First; node is not null;)
            {
                var next = node.Next;
                if (match(node.Value))
                {
                    _items.Remove(node);
                    removed++;
                }
                node = next;
            }
            return removed;
        }
    }

    private bool TryGet(TimeSpan timeout, bool remove, out ReceivedMessage item)
    {
        var clock = Stopwatch.StartNew();
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - clock.Elapsed;
                if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
                {
                    item = default;
                    return false;
                }
                // Monitor.Wait takes at most int.MaxValue milliseconds.
                var wait = left == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalMilliseconds));
                Monitor.Wait(_gate, wait);
            }
            item = _items.First!.Value;
            if (remove) _items.RemoveFirst();
            return true;
        }
    }
}
