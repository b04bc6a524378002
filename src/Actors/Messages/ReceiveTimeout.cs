namespace CodeSight.Actors;

/// <summary>
/// Sent to an actor that set <c>Context.SetReceiveTimeout</c> when no message arrived for that long.
/// </summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "ReceiveTimeout";
}
