namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>A short-lived actor's result, sent to its spawner just before it stops.</summary>
public sealed record Finished(uint Result);
