namespace CodeSight.Engine.Trails;

/// <summary>Sent periodically to every trail: a trail idle for longer than the idle timeout abandons itself.</summary>
internal sealed class CheckIdle : Actors.INotInfluenceReceiveTimeout
{
    private CheckIdle() { }

    public static CheckIdle Instance { get; } = new();
}
