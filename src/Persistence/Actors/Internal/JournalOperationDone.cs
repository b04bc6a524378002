namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The writer finished the operation in flight; the journal actor may send the next one.</summary>
internal sealed class JournalOperationDone
{
    private JournalOperationDone() { }

    public static JournalOperationDone Instance { get; } = new();
}
