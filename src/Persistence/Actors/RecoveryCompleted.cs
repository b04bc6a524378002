namespace CodeSight.Persistence.Actors;

/// <summary>
/// The last message of every recovery, delivered to <c>ReceiveRecover</c> after the snapshot and every replayed
/// event; commands that arrived meanwhile are handled right after it.
/// </summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted() { }

    /// <summary>The only instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => nameof(RecoveryCompleted);
}
