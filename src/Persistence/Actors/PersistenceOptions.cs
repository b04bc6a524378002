using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// What <see cref="SqlitePersistence.Start"/> uses instead of the configuration; every property left null comes
/// from <c>codesight.persistence</c>.
/// </summary>
public sealed record PersistenceOptions
{
    /// <summary>The database for events and snapshots; from <c>codesight.persistence.journal</c> when null.</summary>
    public SqliteStoreOptions? Store { get; init; }

    /// <summary>
    /// Turns events and snapshots into bytes and back; an empty <see cref="JsonEventSerializer"/> when null (which
    /// rejects every event until its types are registered).
    /// </summary>
    public IEventSerializer? Serializer { get; init; }

    /// <summary>Most events in one transaction; <c>codesight.persistence.journal.max-batch-size</c> when null.</summary>
    public int? MaxBatchSize { get; init; }
}
