using System.Collections.Concurrent;

namespace CodeSight.Actors.Scheduling;

/// <summary>
/// The system scheduler, on <see cref="System.Threading.Timer"/> (the runtime's timer queue, which costs no thread
/// per timer). It keeps every live item so that <see cref="Shutdown"/> can cancel them all.
/// </summary>
internal sealed class SystemScheduler : IScheduler
{
    private readonly ConcurrentDictionary<Item, byte> _live = new();
    private readonly Action<Exception> _onError;
    private volatile bool _shutdown;

    /// <summary>Creates the scheduler; <paramref name="onError"/> hears of actions that threw.</summary>
    public SystemScheduler(Action<Exception> onError) => _onError = onError;

    /// <summary>Items currently scheduled (for leak checks in tests).</summary>
    public int LiveCount => _live.Count;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Start(delay, null, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Start(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Start(delay, null, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Start(initialDelay, interval, action);
    }

    public void Shutdown()
    {
        _shutdown = true;
        foreach (var item in _live.Keys) item.Cancel();
    }

    private Item Start(TimeSpan delay, TimeSpan? interval, Action action)
    {
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay must not be negative.");
        if (interval is { } every && every <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), every, "A repeat interval must be positive.");
        var item = new Item(this, action, interval is not null);
        if (_shutdown)
        {
            item.Cancel();
            return item;
        }
        _live.TryAdd(item, 0);
        item.Arm(delay, interval ?? Timeout.InfiniteTimeSpan);
        if (_shutdown) item.Cancel(); // raced with Shutdown
        return item;
    }

    private sealed class Item : ICancelable
    {
        private readonly SystemScheduler _owner;
        private readonly Action _action;
        private readonly bool _repeating;
        private Timer? _timer;
        private int _cancelled;

        public Item(SystemScheduler owner, Action action, bool repeating)
        {
            _owner = owner;
            _action = action;
            _repeating = repeating;
        }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Arm(TimeSpan delay, TimeSpan period)
        {
            var timer = new Timer(static state => ((Item)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested) timer.Dispose();
            else timer.Change(delay, period);
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0) return;
            Volatile.Read(ref _timer)?.Dispose();
            _owner._live.TryRemove(this, out _);
        }

        private void Fire()
        {
            if (IsCancellationRequested) return;
            if (!_repeating) Cancel();
            try
            {
                _action();
            }
            catch (Exception e)
            {
                // A scheduled action must never bring down the timer thread; report it instead.
                _owner._onError(e);
            }
        }
    }
}
