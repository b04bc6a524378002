namespace CodeSight.Persistence.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> setting: how hard a commit waits for the disk.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// In WAL mode a commit survives a crash of the process but the last commits may be lost if the machine
    /// loses power. The default: fast, and the database is never corrupted.
    /// </summary>
    Normal = 1,

    /// <summary>Every commit is flushed to the disk before it returns: audit-grade durability, slower commits.</summary>
    Full = 2,
}
