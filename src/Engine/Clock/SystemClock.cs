using System.Diagnostics;

namespace CodeSight.Engine.Clock;

/// <summary>
/// Wall-clock epoch microseconds that never go backwards: the wall time read once at start plus the monotonic
/// <see cref="Stopwatch"/> since then. Cheaper than <see cref="DateTime.UtcNow"/> and immune to clock steps
/// while the process runs (durations stay exact; absolute times may drift from NTP by the drift of the oscillator).
/// </summary>
public sealed class SystemClock : IEngineClock
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;
    private readonly long _startMicros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The shared instance.</summary>
    public static SystemClock Instance { get; } = new();

    /// <inheritdoc />
    public long NowMicros() => _startMicros + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * MicrosPerTick);
}
