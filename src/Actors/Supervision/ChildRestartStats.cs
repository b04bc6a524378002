namespace CodeSight.Actors.Supervision;

/// <summary>A child and how often it was restarted in the current time window; kept by its parent.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    private int _restarts;
    private long _windowStart;

    public IInternalActorRef Child { get; } = child;

    /// <summary>
    /// Counts a restart and says whether it is allowed: at most <paramref name="maxRetries"/> within
    /// <paramref name="within"/> (a negative count means no limit; an infinite window counts restarts forever).
    /// </summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan within)
    {
        if (maxRetries < 0) return true;
        if (maxRetries == 0) return false;
        if (within == Timeout.InfiniteTimeSpan) return ++_restarts <= maxRetries;

        var now = Environment.TickCount64;
        if (_windowStart == 0 || now - _windowStart > (long)within.TotalMilliseconds)
        {
            // The previous window has passed: this restart opens a new one.
            _windowStart = now;
            _restarts = 1;
            return true;
        }
        return ++_restarts <= maxRetries;
    }
}
