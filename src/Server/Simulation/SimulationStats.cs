namespace CodeSight.Server.Simulation;

/// <summary>What the simulation did, for the status line and for tests (counts are exact).</summary>
internal sealed class SimulationStats
{
    private long _turns;
    private long _ticks;
    private long _failures;

    public long Turns => Interlocked.Read(ref _turns);

    public long RaceControlTicks => Interlocked.Read(ref _ticks);

    public long InjectedFailures => Interlocked.Read(ref _failures);

    public void CountTurn() => Interlocked.Increment(ref _turns);

    public void CountTick() => Interlocked.Increment(ref _ticks);

    public void CountFailure() => Interlocked.Increment(ref _failures);
}
