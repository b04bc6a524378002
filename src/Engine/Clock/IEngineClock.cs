namespace CodeSight.Engine.Clock;

/// <summary>
/// The engine's time source: Unix epoch microseconds (UTC). Inject a <see cref="ManualClock"/> in tests to make
/// every timestamp deterministic.
/// </summary>
public interface IEngineClock
{
    /// <summary>Now, in Unix epoch microseconds.</summary>
    long NowMicros();
}
