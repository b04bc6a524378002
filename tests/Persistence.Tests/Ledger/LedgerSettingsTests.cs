using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerSettingsTests
{
    [Fact]
    public void ReadsTheDefaultsFromReferenceConf()
    {
        LedgerSettings settings = LedgerSettings.FromConfig(ConfigurationFactory.Load());

        Assert.Equal("codesight-ledger.db", settings.Path);
        Assert.Equal(SqliteSynchronous.Normal, settings.Synchronous);
        Assert.Equal((4096, 10_000L), (settings.MaxBatchSize, settings.CheckpointEvery));
        Assert.Equal(TimeSpan.FromSeconds(10), settings.CheckpointInterval);
        Assert.Null(settings.SigningKeyPath);
        Assert.Null(settings.MaxDatabaseBytes);
        Assert.Null(settings.Retention);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.BusyTimeout);
    }

    [Fact]
    public void ReadsOverriddenValues()
    {
        Config config = ConfigurationFactory.Load(ConfigurationFactory.ParseString(
            "codesight.ledger { path = \"/data/l.db\", synchronous = full, signing-key-pem = \"/keys/l.pem\", max-database-size = 10MB, retention = 30d }",
            "test"));

        LedgerSettings settings = LedgerSettings.FromConfig(config);

        Assert.Equal(SqliteSynchronous.Full, settings.StoreOptions().Synchronous);
        Assert.Equal("/keys/l.pem", settings.SigningKeyPath);
        Assert.Equal(10_000_000L, settings.MaxDatabaseBytes);
        Assert.Equal(TimeSpan.FromDays(30), settings.Retention);
    }

    [Theory]
    [InlineData("synchronous = sometimes", "codesight.ledger.synchronous")]
    [InlineData("max-batch-size = 0", "codesight.ledger.max-batch-size")]
    [InlineData("checkpoint-every = -1", "codesight.ledger.checkpoint-every")]
    public void NamesTheSettingThatIsWrong(string setting, string name)
    {
        Config config = ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.ledger." + setting, "test"));

        var error = Assert.Throws<ConfigurationException>(() => LedgerSettings.FromConfig(config));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
