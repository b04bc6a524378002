namespace CodeSight.Persistence.Journal;

/// <summary>
/// A journal batch tried to write a sequence number its persistence id already has (or has twice within the
/// batch). The whole batch was rolled back; nothing of it was written.
/// </summary>
public sealed class SequenceConflictException : PersistenceException
{
    /// <summary>Creates the exception for the conflicting write.</summary>
    /// <param name="dataSource">The database file path (or shared in-memory name).</param>
    /// <param name="persistenceId">The persistence id of the conflicting write.</param>
    /// <param name="sequenceNumber">The sequence number that was already taken.</param>
    /// <param name="batchIndex">Zero-based position of the conflicting write within its batch.</param>
    /// <param name="batchCount">Number of writes in the rejected batch.</param>
    /// <param name="innerException">The SQLite constraint error.</param>
    public SequenceConflictException(
        string dataSource, string persistenceId, long sequenceNumber, int batchIndex, int batchCount, Exception? innerException)
        : base(
            dataSource,
            $"Journal '{dataSource}': persistence id '{persistenceId}' already has sequence number {sequenceNumber} " +
            $"(write {batchIndex} of a batch of {batchCount}); the whole batch was rejected and nothing was written.",
            innerException)
    {
        PersistenceId = persistenceId;
        SequenceNumber = sequenceNumber;
        BatchIndex = batchIndex;
    }

    /// <summary>The persistence id of the conflicting write.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number that was already taken.</summary>
    public long SequenceNumber { get; }

    /// <summary>Zero-based position of the conflicting write within its batch.</summary>
    public int BatchIndex { get; }
}
