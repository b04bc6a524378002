using System.Runtime.CompilerServices;
using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Actors.Internal;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Snapshots;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// Persistence for one actor system: the journal actor (<c>/system/persistence-journal</c>, with its writer child)
/// and the snapshot-store actor (<c>/system/persistence-snapshot-store</c>), both on the blocking-io dispatcher,
/// over one SQLite database, plus the serializer every persistent actor of the system uses. Created once per
/// system, by <see cref="Start"/> (with options) or on first use by <see cref="Get"/> (from configuration);
/// the connections close when the system terminates.
/// </summary>
public sealed class SqlitePersistence
{
    private static readonly ConditionalWeakTable<ActorSystem, SqlitePersistence> s_started = new();
    private static readonly Lock s_starting = new();

    private SqlitePersistence(ActorSystem system, PersistenceOptions options)
        : this(system, options, null, null, system.SystemActorOf, "persistence-")
    {
    }

    private SqlitePersistence(
        ActorSystem system, PersistenceOptions options, IJournalBatchExtension? extension, IEventSerializer? serializer, Func<Props, string, IActorRef> actorOf, string prefix)
    {
        System = system;
        Settings = new PersistenceSettings(system.Settings.Config);
        StoreOptions = options.Store ?? Settings.ToStoreOptions(system.Name);
        Serializer = serializer ?? options.Serializer ?? new JsonEventSerializer();
        int maxBatchSize = options.MaxBatchSize ?? Settings.MaxBatchSize;
        if (maxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), maxBatchSize, "PersistenceOptions.MaxBatchSize must be at least 1.");
        }

        // Opened here, on the caller's thread, so that a bad path fails Start at once rather than inside an actor.
        SqliteJournal journal = SqliteJournal.Open(StoreOptions, extension);
        SqliteSnapshotStore snapshots;
        try
        {
            snapshots = SqliteSnapshotStore.Open(StoreOptions);
        }
        catch
        {
            journal.Dispose();
            throw;
        }

        Journal = actorOf(
            Props.Create(() => new JournalActor(journal, Counters, maxBatchSize)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId),
            prefix + "journal");
        SnapshotStore = actorOf(
            Props.Create(() => new SnapshotStoreActor(snapshots)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId),
            prefix + "snapshot-store");
    }

    /// <summary>The actor system this persistence serves.</summary>
    public ActorSystem System { get; }

    /// <summary>The settings read from <c>codesight.persistence</c>.</summary>
    public PersistenceSettings Settings { get; }

    /// <summary>The database in use.</summary>
    public SqliteStoreOptions StoreOptions { get; }

    /// <summary>Turns events and snapshots into bytes and back, for every persistent actor of the system.</summary>
    public IEventSerializer Serializer { get; }

    /// <summary>The journal actor: persistent actors send it their writes, replays and deletions.</summary>
    public IActorRef Journal { get; }

    /// <summary>The snapshot-store actor.</summary>
    public IActorRef SnapshotStore { get; }

    /// <summary>Running totals of the journal's transactions and events.</summary>
    public JournalCounters Counters { get; } = new();

    /// <summary>
    /// Starts persistence for <paramref name="system"/> with <paramref name="options"/> (anything they leave null
    /// comes from <c>codesight.persistence</c>). Call it before the first persistent actor starts.
    /// </summary>
    /// <param name="system">The actor system.</param>
    /// <param name="options">The database, serializer and batch size to use instead of the configuration.</param>
    /// <exception cref="InvalidOperationException">Persistence was already started for this system.</exception>
    /// <exception cref="ConfigurationException">A <c>codesight.persistence</c> setting is invalid.</exception>
    /// <exception cref="PersistenceException">The database cannot be opened.</exception>
    public static SqlitePersistence Start(ActorSystem system, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        lock (s_starting)
        {
            if (s_started.TryGetValue(system, out _))
            {
                throw new InvalidOperationException(
                    $"Persistence is already started for actor system '{system.Name}' (by Start, or by Get when a persistent actor started first).");
            }

            var persistence = new SqlitePersistence(system, options ?? new PersistenceOptions());
            s_started.Add(system, persistence);
            return persistence;
        }
    }

    /// <summary>
    /// Persistence over a database of its own, for persistent actors that keep their events apart from the
    /// system's journal (the ledger): its journal and snapshot-store actors are children of
    /// <paramref name="parent"/> (named <paramref name="prefix"/>journal and <paramref name="prefix"/>snapshot-store) and
    /// stop with it, and <paramref name="extension"/> writes its rows in every batch's transaction.
    /// </summary>
    /// <exception cref="PersistenceException">The database cannot be opened.</exception>
    internal static SqlitePersistence StartDedicated(
        IActorRef parent, ActorSystem system, PersistenceOptions options, IJournalBatchExtension extension, IEventSerializer serializer, string prefix) =>
        new(system, options, extension, serializer, (props, name) => system.ActorOf(parent, props, name), prefix);

    /// <summary>The persistence of <paramref name="system"/>, started from its configuration if it was not started yet.</summary>
    /// <param name="system">The actor system.</param>
    /// <exception cref="ConfigurationException">A <c>codesight.persistence</c> setting is invalid.</exception>
    /// <exception cref="PersistenceException">The database cannot be opened.</exception>
    public static SqlitePersistence Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        lock (s_starting)
        {
            if (s_started.TryGetValue(system, out var existing)) return existing;
            var persistence = new SqlitePersistence(system, new PersistenceOptions());
            s_started.Add(system, persistence);
            return persistence;
        }
    }
}
