namespace CodeSight.Actors;

/// <summary>
/// Timers owned by an actor, identified by keys. Starting a timer with a key already in use replaces it; a message
/// of a cancelled or replaced timer is never delivered, even if it was already in the mailbox. All timers are
/// cancelled when the actor stops or restarts.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to the actor once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> to the actor every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True if a timer with this key is running.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}
