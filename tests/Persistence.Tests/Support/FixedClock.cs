namespace CodeSight.Persistence.Tests.Support;

/// <summary>A clock that always reads the time it was given.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
