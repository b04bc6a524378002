using System.Diagnostics;

namespace CodeSight.TestKit.Internal;

/// <summary>
/// Turns the timeouts an expectation is given into how long it may wait: dilated by the time factor, and capped
/// by the innermost <c>Within</c> block that is running. A TestKit and all its probes share one clock, so an
/// expectation on any probe inside <c>Within</c> uses the time the block has left.
/// </summary>
internal sealed class ExpectationClock
{
    private readonly Stopwatch _time = Stopwatch.StartNew();
    private TimeSpan? _deadline; // on _time's scale; null outside any Within block

    public ExpectationClock(TestKitSettings settings) => Settings = settings;

    public TestKitSettings Settings { get; }

    public TimeSpan Now => _time.Elapsed;

    /// <summary>Time left in the innermost Within block, or null outside one.</summary>
    public TimeSpan? Remaining => _deadline is { } end ? Max(TimeSpan.Zero, end - Now) : null;

    /// <summary>How long an expectation given <paramref name="timeout"/> (null: the default) may wait.</summary>
    public TimeSpan WaitFor(TimeSpan? timeout) => Cap(timeout is { } given ? Settings.Dilated(given) : Settings.Dilated(Settings.SingleExpectDefault));

    /// <summary>How long ExpectNoMsg given <paramref name="duration"/> (null: its default) watches.</summary>
    public TimeSpan QuietFor(TimeSpan? duration) => Cap(Settings.Dilated(duration ?? Settings.ExpectNoMessageDefault));

    /// <summary>Runs <paramref name="body"/> with a deadline <paramref name="max"/> from now (never later than an outer one).</summary>
    public T RunWithin<T>(TimeSpan max, Func<T> body)
    {
        var outer = _deadline;
        var end = Now + max;
        _deadline = outer is { } o && o < end ? o : end;
        try
        {
            return body();
        }
        finally
        {
            _deadline = outer;
        }
    }

    private TimeSpan Cap(TimeSpan wait) => Remaining is { } left && (wait == Timeout.InfiniteTimeSpan || left < wait) ? left : wait;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
