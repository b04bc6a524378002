namespace CodeSight.Engine.Clock;

/// <summary>A clock that moves only when told to: for deterministic tests. Thread-safe.</summary>
/// <param name="startMicros">The initial time, epoch microseconds.</param>
public sealed class ManualClock(long startMicros = 1_700_000_000_000_000) : IEngineClock
{
    private long _now = startMicros;

    /// <inheritdoc />
    public long NowMicros() => Interlocked.Read(ref _now);

    /// <summary>Moves the clock forward by <paramref name="micros"/>.</summary>
    public void Advance(long micros)
    {
        if (micros < 0) throw new ArgumentOutOfRangeException(nameof(micros), micros, "A clock only moves forward.");
        Interlocked.Add(ref _now, micros);
    }

    /// <summary>Moves the clock forward by <paramref name="duration"/>.</summary>
    public void Advance(TimeSpan duration) => Advance(duration.Ticks / 10);
}
