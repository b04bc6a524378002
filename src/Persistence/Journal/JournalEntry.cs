namespace CodeSight.Persistence.Journal;

/// <summary>One event read back from the journal.</summary>
/// <param name="Ordering">Global insertion order across all streams (the <c>ordering</c> column), strictly increasing.</param>
/// <param name="PersistenceId">The stream the event belongs to.</param>
/// <param name="SequenceNumber">Its position in that stream.</param>
/// <param name="Created">When it was written (or the time the writer gave), to the millisecond.</param>
/// <param name="Manifest">Names the payload's type or format.</param>
/// <param name="Payload">The serialised event, byte for byte as written.</param>
/// <param name="Tags">The tags written with the event.</param>
/// <param name="WriterUuid">The writer incarnation that wrote it.</param>
public sealed record JournalEntry(
    long Ordering,
    string PersistenceId,
    long SequenceNumber,
    DateTimeOffset Created,
    string Manifest,
    byte[] Payload,
    IReadOnlyList<string> Tags,
    string WriterUuid);
