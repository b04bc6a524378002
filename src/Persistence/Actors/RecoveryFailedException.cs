namespace CodeSight.Persistence.Actors;

/// <summary>
/// A persistent actor could not recover: its snapshot or an event could not be read or deserialised (for
/// example its manifest is not registered), or its recovery handler threw. The actor is stopped; the message
/// names the persistence id and, when one is involved, the sequence number and manifest.
/// </summary>
public sealed class RecoveryFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="persistenceId">The actor's persistence id.</param>
    /// <param name="sequenceNr">The sequence number of the event or snapshot that failed; null when none was involved.</param>
    /// <param name="manifest">The manifest of the event or snapshot that failed; null when none was involved.</param>
    /// <param name="reason">What went wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error.</param>
    public RecoveryFailedException(string persistenceId, long? sequenceNr, string? manifest, string reason, Exception? innerException)
        : base(Describe(persistenceId, sequenceNr, manifest, reason), innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
    }

    /// <summary>The actor's persistence id.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number of the event or snapshot that failed, if one was involved.</summary>
    public long? SequenceNr { get; }

    /// <summary>The manifest of the event or snapshot that failed, if one was involved.</summary>
    public string? Manifest { get; }

    private static string Describe(string persistenceId, long? sequenceNr, string? manifest, string reason)
    {
        string where = sequenceNr is { } seq ? $" at sequence number {seq}" : "";
        string what = manifest is null ? "" : $" (manifest '{manifest}')";
        return $"Recovery of persistence id '{persistenceId}' failed{where}{what}: {reason}";
    }
}
