namespace CodeSight.Server.Simulation;

/// <summary>How the demo race is run.</summary>
/// <param name="Agents">Racing agents (each an actor that records through plain actor messages).</param>
/// <param name="TickInterval">How often each agent takes a turn and race control ticks.</param>
/// <param name="FailureRate">Chance that a tool call fails in a turn (0..1).</param>
/// <param name="Seed">Random seed, for reproducible runs; null for a random one.</param>
internal sealed record SimulationOptions(int Agents, TimeSpan TickInterval, double FailureRate, int? Seed)
{
    /// <summary>The first bad option, described for the user, or null when all are fine.</summary>
    public string? Problem() =>
        Agents is < 1 or > 1000 ? $"--agents must be between 1 and 1000 (got {Agents})."
        : TickInterval < TimeSpan.FromMilliseconds(1) ? $"--tick must be at least 1 ms (got {TickInterval.TotalMilliseconds} ms)."
        : FailureRate is < 0 or > 1 || double.IsNaN(FailureRate) ? $"--failure-rate must be between 0 and 1 (got {FailureRate})."
        : null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (Problem() is { } problem) throw new ArgumentException(problem);
    }
}
