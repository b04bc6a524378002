using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Sqlite;

/// <summary>
/// One open connection to the store's database, configured (WAL, synchronous, busy timeout) and with its
/// schema created or checked. Every SQLite failure leaves here as a <see cref="PersistenceException"/> that
/// names the database, the operation and the likely cause. Not thread-safe: one thread drives it.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteDatabase(SqliteStoreOptions options, SqliteConnection connection)
    {
        Options = options;
        _connection = connection;
    }

    public SqliteStoreOptions Options { get; }

    public string DataSource => Options.DataSource;

    public SqliteConnection Connection => _connection;

    /// <summary>The connection string for a file opened in <paramref name="fileMode"/> (shared memory is always Memory).</summary>
    private static string ConnectionString(SqliteStoreOptions options, SqliteOpenMode fileMode) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DataSource,
        Mode = options.IsSharedMemory ? SqliteOpenMode.Memory : fileMode,
        Cache = options.IsSharedMemory ? SqliteCacheMode.Shared : SqliteCacheMode.Private,

        // Without pooling, disposing the store really closes the file (and, for memory, lets it go).
        Pooling = false,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
    }.ToString();

    public static SqliteDatabase Open(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new SqliteConnection(ConnectionString(options, SqliteOpenMode.ReadWriteCreate));
        var database = new SqliteDatabase(options, connection);
        try
        {
            database.Run("opening the database", () =>
            {
                connection.Open();
                database.Execute($"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
                if (!options.IsSharedMemory)
                {
                    database.Execute("PRAGMA journal_mode = WAL");
                }

                database.Execute($"PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}");
                if (options.MaxDatabaseBytes is long maxBytes)
                {
                    long pageSize = database.ScalarInt64("PRAGMA page_size");
                    long pages = Math.Max(1, (maxBytes + pageSize - 1) / pageSize);
                    database.Execute($"PRAGMA max_page_count = {pages}");
                }
            });
            database.Run("creating or checking the schema", database.EnsureSchema);
            return database;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing database for reading only: nothing is created, migrated or written, so an auditor can
    /// inspect a file without changing it. The schema version is still checked.
    /// </summary>
    public static SqliteDatabase OpenReadOnly(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new SqliteConnection(ConnectionString(options, SqliteOpenMode.ReadOnly));
        var database = new SqliteDatabase(options, connection);
        try
        {
            database.Run("opening the database for reading", () =>
            {
                connection.Open();
                database.Execute($"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
                using SqliteCommand exists = database.Prepare(SqliteSchema.VersionTableExists);
                if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    throw new PersistenceException(
                        options.DataSource,
                        $"SQLite database file '{options.DataSource}' holds no CodeSight schema (table schema_version is missing).");
                }

                using SqliteCommand read = database.Prepare(SqliteSchema.ReadVersion);
                object? value = read.ExecuteScalar();
                long version = value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (version != SqliteSchema.CurrentVersion)
                {
                    throw new PersistenceException(
                        options.DataSource,
                        $"SQLite database file '{options.DataSource}' has schema version {version}; this build reads version {SqliteSchema.CurrentVersion}.");
                }
            });
            return database;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteCommand Prepare(string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public T Run<T>(string operation, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException exception)
        {
            throw Describe(operation, exception);
        }
    }

    public void Run(string operation, Action action)
    {
        try
        {
            action();
        }
        catch (SqliteException exception)
        {
            throw Describe(operation, exception);
        }
    }

    public PersistenceException Describe(string operation, SqliteException exception)
    {
        string kind = Options.IsSharedMemory ? "shared in-memory database" : "database file";
        string cause = exception.SqliteErrorCode switch
        {
            5 or 6 => $"the database is locked by another connection and stayed locked past the busy timeout of {Options.BusyTimeout.TotalMilliseconds} ms",
            8 => "the database is read-only (file permissions, or a read-only file system)",
            10 => "the disk reported an I/O error",
            11 => "the database file is corrupted",
            13 => Options.MaxDatabaseBytes is long limit
                ? $"the disk is full or the database reached its size limit of {limit} bytes"
                : "the disk is full",
            14 => "the file cannot be opened: its directory does not exist, is not a directory, or is not writable",
            26 => "the file is not a SQLite database (corrupted, encrypted, or another format)",
            _ => "SQLite refused the operation",
        };

        return new PersistenceException(
            DataSource,
            $"SQLite {kind} '{DataSource}': {cause}, while {operation} (SQLite error {exception.SqliteErrorCode}: {exception.Message}).",
            exception);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using SqliteCommand command = Prepare(sql);
        command.ExecuteNonQuery();
    }

    private long ScalarInt64(string sql)
    {
        using SqliteCommand command = Prepare(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void EnsureSchema()
    {
        // IMMEDIATE: two stores opening a fresh file at once must not both create the tables.
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        using SqliteCommand exists = Prepare(SqliteSchema.VersionTableExists);
        exists.Transaction = transaction;
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            using SqliteCommand create = Prepare(SqliteSchema.CreateVersion1);
            create.Transaction = transaction;
            create.ExecuteNonQuery();
            using SqliteCommand record = Prepare(SqliteSchema.RecordVersion);
            record.Transaction = transaction;
            record.Parameters.AddWithValue("$version", SqliteSchema.CurrentVersion);
            record.Parameters.AddWithValue("$applied", Options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            transaction.Commit();
            return;
        }

        using SqliteCommand read = Prepare(SqliteSchema.ReadVersion);
        read.Transaction = transaction;
        object? value = read.ExecuteScalar();
        long version = value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
        {
            throw new PersistenceException(
                DataSource,
                $"SQLite database file '{DataSource}' has schema version {version}, newer than version {SqliteSchema.CurrentVersion} " +
                "that this build understands; open it with a newer CodeSight, or use another file.");
        }

        if (version < SqliteSchema.CurrentVersion)
        {
            throw new PersistenceException(
                DataSource,
                $"SQLite database file '{DataSource}' has schema version {version}, but version {SqliteSchema.CurrentVersion} " +
                "is the oldest this build can open and no migration from it exists.");
        }

        transaction.Commit();
    }
}
