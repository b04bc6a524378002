using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class PersistenceSettingsTests
{
    private static PersistenceSettings Read(string hocon) =>
        new(ConfigurationFactory.Load(ConfigurationFactory.ParseString(hocon, "test")));

    [Fact]
    public void ReferenceConfDefaultsToANormalSyncFileDatabase()
    {
        PersistenceSettings settings = Read("");

        Assert.Equal("codesight.db", settings.JournalPath);
        Assert.Equal(SqliteSynchronous.Normal, settings.Synchronous);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.BusyTimeout);
        Assert.Equal(1000, settings.MaxBatchSize);
        Assert.False(settings.ToStoreOptions("sys").IsSharedMemory);
    }

    [Fact]
    public void MemoryGivesEachSystemAPrivateSharedMemoryDatabase()
    {
        PersistenceSettings settings = Read("codesight.persistence.journal.path = \":memory:\"");

        SqliteStoreOptions first = settings.ToStoreOptions("sys");
        SqliteStoreOptions second = settings.ToStoreOptions("sys");

        Assert.True(first.IsSharedMemory);
        Assert.NotEqual(first.DataSource, second.DataSource);
    }

    [Fact]
    public void MemoryWithANameIsTheNamedSharedDatabase()
    {
        PersistenceSettings settings = Read("codesight.persistence.journal { path = \"memory:demo\", synchronous = full }");

        SqliteStoreOptions options = settings.ToStoreOptions("sys");

        Assert.True(options.IsSharedMemory);
        Assert.Equal("demo", options.DataSource);
        Assert.Equal(SqliteSynchronous.Full, options.Synchronous);
    }

    [Theory]
    [InlineData("codesight.persistence.journal.synchronous = sometimes", "codesight.persistence.journal.synchronous")]
    [InlineData("codesight.persistence.journal.max-batch-size = 0", "codesight.persistence.journal.max-batch-size")]
    [InlineData("codesight.persistence.journal.path = \"  \"", "codesight.persistence.journal.path")]
    public void ABadSettingIsReportedWithItsPath(string hocon, string path)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(hocon));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AnEmptyMemoryNameIsReported()
    {
        PersistenceSettings settings = Read("codesight.persistence.journal.path = \"memory:\"");

        var error = Assert.Throws<ConfigurationException>(() => settings.ToStoreOptions("sys"));

        Assert.Contains("memory:", error.Message);
    }

    [Fact]
    public async Task PersistenceStartsOncePerSystem()
    {
        using ActorSystem system = ActorSystem.Create("once", "codesight.persistence.journal.path = \":memory:\"");
        SqlitePersistence started = SqlitePersistence.Start(system);

        Assert.Same(started, SqlitePersistence.Get(system));
        var error = Assert.Throws<InvalidOperationException>(() => SqlitePersistence.Start(system));
        Assert.Contains("'once'", error.Message);
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GetStartsPersistenceFromConfiguration()
    {
        using ActorSystem system = ActorSystem.Create("fromconfig", "codesight.persistence.journal.path = \"memory:fromconfig-test\"");

        SqlitePersistence persistence = SqlitePersistence.Get(system);

        Assert.Equal("fromconfig-test", persistence.StoreOptions.DataSource);
        Assert.Equal("/system/persistence-journal", persistence.Journal.Path.ToStringWithoutAddress());
        Assert.Equal("/system/persistence-snapshot-store", persistence.SnapshotStore.Path.ToStringWithoutAddress());
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StartFailsAtOnceForADatabaseThatCannotBeOpened()
    {
        using ActorSystem system = ActorSystem.Create("badpath");
        string path = Path.Combine(Path.GetTempPath(), "codesight-missing-" + Guid.NewGuid().ToString("N"), "events.db");

        var error = Assert.Throws<PersistenceException>(() =>
            SqlitePersistence.Start(system, new PersistenceOptions { Store = SqliteStoreOptions.ForFile(path) }));

        Assert.Contains(path, error.Message);
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AMaxBatchSizeBelowOneIsRefused()
    {
        using ActorSystem system = ActorSystem.Create("badbatch", "codesight.persistence.journal.path = \":memory:\"");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SqlitePersistence.Start(system, new PersistenceOptions { MaxBatchSize = 0 }));

        Assert.Contains("MaxBatchSize", error.Message);
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
