using CodeSight.Persistence.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Sqlite;

public sealed class SqliteStoreOptionsTests
{
    [Fact]
    public void ForFileResolvesTheFullPathAndUsesTheDocumentedDefaults()
    {
        SqliteStoreOptions options = SqliteStoreOptions.ForFile("relative/ledger.db");

        Assert.True(Path.IsPathFullyQualified(options.DataSource));
        Assert.EndsWith(Path.Combine("relative", "ledger.db"), options.DataSource, StringComparison.Ordinal);
        Assert.False(options.IsSharedMemory);
        Assert.Equal(SqliteSynchronous.Normal, options.Synchronous);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Null(options.MaxDatabaseBytes);
    }

    [Fact]
    public void WithChangesOneSettingAndKeepsTheRest()
    {
        SqliteStoreOptions options = SqliteStoreOptions.ForSharedMemory("m") with { Synchronous = SqliteSynchronous.Full };

        Assert.Equal(SqliteSynchronous.Full, options.Synchronous);
        Assert.True(options.IsSharedMemory);
        Assert.Equal("m", options.DataSource);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesABlankLocation(string location)
    {
        Assert.ThrowsAny<ArgumentException>(() => SqliteStoreOptions.ForFile(location));
        Assert.ThrowsAny<ArgumentException>(() => SqliteStoreOptions.ForSharedMemory(location));
    }
}
