using CodeSight.Actors.Scheduling;

namespace CodeSight.Actors;

/// <summary>The timers of one actor. Used only on the actor's own turn, so it needs no locks.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = new();
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Cancelable.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Cancelable.Cancel();
        _timers.Clear();
    }

    /// <summary>Unwraps a timer message; returns false for a message of a cancelled or replaced timer.</summary>
    public bool TryUnwrap(TimerMessage wrapped, out object message)
    {
        message = wrapped.Message;
        if (!_timers.TryGetValue(wrapped.Key, out var timer) || timer.Generation != wrapped.Generation) return false;
        if (!timer.Repeating) _timers.Remove(wrapped.Key);
        return true;
    }

    private void Start(object key, object message, TimeSpan initialDelay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var wrapped = new TimerMessage(key, generation, message);
        var scheduler = cell.System.Scheduler;
        var cancelable = interval is { } every
            ? scheduler.ScheduleTellRepeatedly(initialDelay, every, cell.Self, wrapped, cell.Self)
            : scheduler.ScheduleTellOnce(initialDelay, cell.Self, wrapped, cell.Self);
        _timers[key] = new Timer(generation, interval is not null, cancelable);
    }

    private readonly record struct Timer(int Generation, bool Repeating, ICancelable Cancelable);
}
