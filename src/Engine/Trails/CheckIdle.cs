namespace CodeSight.Engine.Trails;

/// <summary>Sent periodically to every trail shard: each of its trails idle for longer than the idle timeout abandons itself.</summary>
internal sealed class CheckIdle : Actors.INotInfluenceReceiveTimeout
{
    private CheckIdle() { }

    public static CheckIdle Instance { get; } = new();
}
