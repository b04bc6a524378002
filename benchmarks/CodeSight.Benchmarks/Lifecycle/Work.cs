namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>The one message a short-lived actor gets: a little arithmetic to do before it stops.</summary>
public sealed record Work(int Seed);
