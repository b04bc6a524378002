using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>The <c>codesight.ledger</c> section of the configuration (documented in hocon/reference.conf).</summary>
public sealed record LedgerSettings
{
    /// <summary>Path of the ledger's SQLite database file.</summary>
    public required string Path { get; init; }

    /// <summary>How hard each batch commit waits for the disk.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>Most entries written in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 4096;

    /// <summary>Checkpoint after this many entries.</summary>
    public long CheckpointEvery { get; init; } = 10_000;

    /// <summary>Checkpoint at least this often while entries arrive.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>PEM file of the ECDSA P-256 key that signs checkpoints, or null for unsigned checkpoints.</summary>
    public string? SigningKeyPath { get; init; }

    /// <summary>Largest size the database may reach, in bytes, or null for no limit.</summary>
    public long? MaxDatabaseBytes { get; init; }

    /// <summary>How long payloads are kept before retention prunes them (their hashes stay), or null to keep them forever.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>How long a write waits for another connection's lock.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads <c>codesight.ledger</c> from a resolved configuration (reference.conf supplies every default).</summary>
    /// <param name="config">The whole configuration.</param>
    /// <exception cref="ConfigurationException">A setting is missing or has the wrong type or range; the message names it.</exception>
    public static LedgerSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string Root = "codesight.ledger.";
        string synchronous = config.GetString(Root + "synchronous");
        string key = config.GetString(Root + "signing-key-pem");
        long maxBytes = config.GetByteSize(Root + "max-database-size");
        TimeSpan retention = config.GetTimeSpan(Root + "retention");
        int batch = config.GetInt(Root + "max-batch-size");
        long every = config.GetLong(Root + "checkpoint-every");
        TimeSpan interval = config.GetTimeSpan(Root + "checkpoint-interval");
        if (batch < 1)
        {
            throw new ConfigurationException($"codesight.ledger.max-batch-size must be 1 or more; got {batch}.");
        }

        if (every < 1)
        {
            throw new ConfigurationException($"codesight.ledger.checkpoint-every must be 1 or more; got {every}.");
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"codesight.ledger.checkpoint-interval must be positive; got {interval}.");
        }

        return new LedgerSettings
        {
            Path = config.GetString(Root + "path"),
            Synchronous = synchronous.ToLowerInvariant() switch
            {
                "normal" => SqliteSynchronous.Normal,
                "full" => SqliteSynchronous.Full,
                _ => throw new ConfigurationException($"codesight.ledger.synchronous must be normal or full; got '{synchronous}'."),
            },
            MaxBatchSize = batch,
            CheckpointEvery = every,
            CheckpointInterval = interval,
            SigningKeyPath = key.Length == 0 ? null : key,
            MaxDatabaseBytes = maxBytes <= 0 ? null : maxBytes,
            Retention = retention == Timeout.InfiniteTimeSpan || retention <= TimeSpan.Zero ? null : retention,
            BusyTimeout = config.GetTimeSpan(Root + "busy-timeout"),
        };
    }

    /// <summary>The store options these settings describe.</summary>
    public SqliteStoreOptions StoreOptions() => SqliteStoreOptions.ForFile(Path) with
    {
        Synchronous = Synchronous,
        MaxDatabaseBytes = MaxDatabaseBytes,
        BusyTimeout = BusyTimeout,
    };
}
