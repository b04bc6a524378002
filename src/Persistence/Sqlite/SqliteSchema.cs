namespace CodeSight.Persistence.Sqlite;

/// <summary>The tables of the journal and snapshot store, and the version number that names this layout.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this build writes and understands. Bump it with a migration, never in place.</summary>
    public const int CurrentVersion = 1;

    public const string VersionTableExists =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    public const string ReadVersion = "SELECT MAX(version) FROM schema_version";

    // Column names follow Akka.Persistence.Sql's journal so that its users recognise them.
    public const string CreateVersion1 =
        """
        CREATE TABLE schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            applied INTEGER NOT NULL
        );
        CREATE TABLE journal (
            ordering        INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id  TEXT    NOT NULL,
            sequence_number INTEGER NOT NULL,
            created         INTEGER NOT NULL,
            manifest        TEXT    NOT NULL,
            payload         BLOB    NOT NULL,
            tags            TEXT    NULL,
            writer_uuid     TEXT    NOT NULL,
            deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            UNIQUE (persistence_id, sequence_number)
        );
        CREATE TABLE snapshot (
            persistence_id  TEXT    NOT NULL,
            sequence_number INTEGER NOT NULL,
            created         INTEGER NOT NULL,
            manifest        TEXT    NOT NULL,
            snapshot        BLOB    NOT NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;

    public const string RecordVersion = "INSERT INTO schema_version (version, applied) VALUES ($version, $applied)";
}
