using CodeSight.Persistence.Actors.Serialization;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The ledger persistence's serializer: an entry is stored as its canonical JSON (manifest
/// <c>codesight.ledger.entry.v1</c>) exactly as hashed, and replays as a <see cref="LedgerPayload"/>; a snapshot
/// (<c>codesight.ledger.frontier.v1</c>) reads back as a <see cref="LedgerSnapshot"/>. Nothing else is accepted.
/// </summary>
internal sealed class LedgerEventSerializer : IEventSerializer
{
    public static readonly LedgerEventSerializer Instance = new();

    public SerializedEvent Serialize(object value) => value switch
    {
        LedgerRecord record => new SerializedEvent(LedgerSchema.EntryManifest, record.Payload),
        LedgerSnapshot snapshot => new SerializedEvent(LedgerSchema.SnapshotManifest, snapshot.ToBytes()),
        _ => throw new EventSerializationException($"The ledger journals only its own entries, not a {value.GetType().Name}.", null),
    };

    public object Deserialize(string manifest, byte[] payload)
    {
        switch (manifest)
        {
            case LedgerSchema.EntryManifest:
                return new LedgerPayload(payload);
            case LedgerSchema.SnapshotManifest:
                try
                {
                    return LedgerSnapshot.FromBytes(payload);
                }
                catch (FormatException exception)
                {
                    throw new EventSerializationException($"The ledger snapshot is malformed: {exception.Message}.", manifest, exception);
                }

            default:
                throw new EventSerializationException($"'{manifest}' is not a ledger manifest.", manifest);
        }
    }
}
