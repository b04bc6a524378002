namespace ActorHost;

/// <summary>The timer message that makes a <see cref="PatrolAgent"/> run one patrol.</summary>
public sealed record Patrol
{
    /// <summary>The one instance.</summary>
    public static Patrol Instance { get; } = new();
}
