namespace CodeSight.Actors;

/// <summary>
/// An ordinary message that stops the actor when it is processed: messages enqueued before it are handled first,
/// messages after it go to dead letters.
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "PoisonPill";
}
