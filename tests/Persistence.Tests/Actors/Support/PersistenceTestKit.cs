using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>
/// A TestKit whose system gets persistence on a database of the test's choosing (a private shared-memory one
/// unless a test starts its own), with the test events registered.
/// </summary>
public abstract class PersistenceTestKit : TestKit.TestKit
{
    private SqlitePersistence? _persistence;

    protected PersistenceTestKit(string? hocon = null)
        : base(hocon ?? "codesight.test.single-expect-default = 5s\ncodesight.persistence.journal.path = \":memory:\"")
    {
    }

    /// <summary>The system's persistence, started on a fresh in-memory database on first use.</summary>
    protected SqlitePersistence Persistence =>
        _persistence ??= StartPersistence(SqliteStoreOptions.ForSharedMemory("test-" + Guid.NewGuid().ToString("N")));

    public static JsonEventSerializer NewSerializer() => new JsonEventSerializer()
        .Register<Added>("test.added")
        .Register<Noted>("test.noted")
        .Register<ValuesSnapshot>("test.values-snapshot");

    /// <summary>Starts persistence on <paramref name="store"/> (call before <see cref="Persistence"/> is used).</summary>
    protected SqlitePersistence StartPersistence(SqliteStoreOptions store, int? maxBatchSize = null)
    {
        _persistence = SqlitePersistence.Start(Sys, new PersistenceOptions { Store = store, Serializer = NewSerializer(), MaxBatchSize = maxBatchSize });
        return _persistence;
    }
}
