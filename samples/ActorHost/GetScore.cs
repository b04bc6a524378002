namespace ActorHost;

/// <summary>Asks the <see cref="ScoreboardSink"/> for its <see cref="Score"/>.</summary>
public sealed record GetScore
{
    /// <summary>The one instance.</summary>
    public static GetScore Instance { get; } = new();
}
