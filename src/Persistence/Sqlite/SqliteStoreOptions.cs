namespace CodeSight.Persistence.Sqlite;

/// <summary>
/// Where a SQLite journal or snapshot store keeps its data, and how it opens the database. Start from
/// <see cref="ForFile"/> or <see cref="ForSharedMemory"/> and adjust with <c>with</c>, for example
/// <c>SqliteStoreOptions.ForFile(path) with { Synchronous = SqliteSynchronous.Full }</c>.
/// </summary>
public sealed record SqliteStoreOptions
{
    private SqliteStoreOptions(string dataSource, bool isSharedMemory)
    {
        DataSource = dataSource;
        IsSharedMemory = isSharedMemory;
    }

    /// <summary>The database file path, or the name of the shared in-memory database.</summary>
    public string DataSource { get; }

    /// <summary>
    /// True for a named in-memory database shared by every connection in the process that uses the same name.
    /// It lives while at least one store on it is open, and is meant for tests and demos.
    /// </summary>
    public bool IsSharedMemory { get; }

    /// <summary>How hard a commit waits for the disk; <see cref="SqliteSynchronous.Normal"/> unless set.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>How long a statement waits for another connection's lock before failing; 5 seconds unless set.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Largest size the database may grow to, in bytes (rounded up to whole pages); unlimited when
    /// <see langword="null"/>. A write that would pass it fails like a full disk, and is rolled back.
    /// </summary>
    public long? MaxDatabaseBytes { get; init; }

    /// <summary>Clock used for the <c>created</c> column of writes that do not carry their own timestamp.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Options for a database file, created (with its schema) if it does not exist.</summary>
    /// <param name="path">Path of the database file; its directory must exist and be writable.</param>
    public static SqliteStoreOptions ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteStoreOptions(Path.GetFullPath(path), isSharedMemory: false);
    }

    /// <summary>Options for a named, shared in-memory database (WAL does not apply; durability settings are moot).</summary>
    /// <param name="name">Name that every store sharing the database uses.</param>
    public static SqliteStoreOptions ForSharedMemory(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new SqliteStoreOptions(name, isSharedMemory: true);
    }
}
