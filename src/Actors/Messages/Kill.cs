namespace CodeSight.Actors;

/// <summary>
/// When processed, makes the actor throw <see cref="ActorKilledException"/>, so that its supervisor decides what
/// happens (the default strategy stops it).
/// </summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "Kill";
}
