namespace CodeSight.Persistence.Journal;

/// <summary>One event to append to the journal.</summary>
/// <param name="PersistenceId">The stream the event belongs to; not empty.</param>
/// <param name="SequenceNumber">Its position in that stream, from 1, unique within the stream.</param>
/// <param name="Manifest">Names the payload's type or format, so a reader knows how to decode it; may be empty.</param>
/// <param name="Payload">The serialised event.</param>
/// <param name="WriterUuid">Identifies the writer incarnation, so that a replay can tell two writers apart.</param>
public sealed record JournalWrite(string PersistenceId, long SequenceNumber, string Manifest, byte[] Payload, string WriterUuid)
{
    /// <summary>Tags for queries by tag; none may be empty or contain <c>;</c>, the separator in the <c>tags</c> column.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the event happened; the store's clock at write time when <see langword="null"/>. Stored in epoch milliseconds.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>
    /// The event this row was serialised from, for a store's journal extension that writes rows of its own beside
    /// it in the same transaction (the ledger's leaf hashes); never stored by the journal.
    /// </summary>
    public object? Event { get; init; }
}
