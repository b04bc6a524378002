using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// The persistence settings read from <c>codesight.persistence</c> (every key is documented in reference.conf).
/// </summary>
public sealed class PersistenceSettings
{
    private const string Root = "codesight.persistence";

    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    /// <param name="config">The actor system's configuration.</param>
    public PersistenceSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config journal = config.GetConfig($"{Root}.journal");
        JournalPath = journal.GetString("path");
        if (string.IsNullOrWhiteSpace(JournalPath))
        {
            throw new ConfigurationException($"{Root}.journal.path: must name a file, \":memory:\" or \"memory:NAME\".");
        }

        string synchronous = journal.GetString("synchronous");
        Synchronous = synchronous.ToLowerInvariant() switch
        {
            "normal" => SqliteSynchronous.Normal,
            "full" => SqliteSynchronous.Full,
            _ => throw new ConfigurationException($"{Root}.journal.synchronous: '{synchronous}' is not one of normal, full."),
        };

        BusyTimeout = journal.GetTimeSpan("busy-timeout");
        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new ConfigurationException($"{Root}.journal.busy-timeout: {BusyTimeout} must not be negative.");
        }

        MaxBatchSize = journal.GetInt("max-batch-size");
        if (MaxBatchSize < 1)
        {
            throw new ConfigurationException($"{Root}.journal.max-batch-size: {MaxBatchSize} must be at least 1.");
        }
    }

    /// <summary>
    /// Where events and snapshots are kept: a file path, <c>:memory:</c> (a private in-memory database for this
    /// actor system) or <c>memory:NAME</c> (an in-memory database shared by everything in the process that uses NAME).
    /// </summary>
    public string JournalPath { get; }

    /// <summary>How hard a commit waits for the disk.</summary>
    public SqliteSynchronous Synchronous { get; }

    /// <summary>How long a statement waits for another connection's lock.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>Most events written in one transaction; more waiting writes form the next batch.</summary>
    public int MaxBatchSize { get; }

    /// <summary>The store options for <see cref="JournalPath"/>.</summary>
    /// <param name="systemName">Names the private database of <c>:memory:</c>, together with a random suffix.</param>
    public SqliteStoreOptions ToStoreOptions(string systemName)
    {
        SqliteStoreOptions options;
        if (JournalPath == ":memory:")
        {
            options = SqliteStoreOptions.ForSharedMemory($"codesight-{systemName}-{Guid.NewGuid():N}");
        }
        else if (JournalPath.StartsWith("memory:", StringComparison.Ordinal))
        {
            string name = JournalPath["memory:".Length..];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ConfigurationException($"{Root}.journal.path: \"memory:\" must be followed by a name.");
            }

            options = SqliteStoreOptions.ForSharedMemory(name);
        }
        else
        {
            options = SqliteStoreOptions.ForFile(JournalPath);
        }

        return options with { Synchronous = Synchronous, BusyTimeout = BusyTimeout };
    }
}
