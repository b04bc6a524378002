using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class ConfiguredSinksTests
{
    [Fact]
    public void ReadsTheReferenceDefaults()
    {
        var settings = new SinkSettings(ConfigurationFactory.Load());
        Assert.Equal(10_000, settings.MailboxCapacity);
        Assert.False(settings.ConsoleEnabled);
        Assert.False(settings.FileEnabled);
        Assert.Equal("codesight.ndjson", settings.File.Path);
        Assert.Equal(64L * 1024 * 1024, settings.File.MaxBytes);
        Assert.Equal(5, settings.File.Keep);
        Assert.Equal(new FlushPolicy(100, TimeSpan.FromSeconds(1)), settings.File.Flush);
    }

    [Fact]
    public void TheSinkMailboxFollowsTheConfiguredCapacity()
    {
        var config = ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.engine.sinks.mailbox-capacity = 7"));
        Assert.Equal("bounded", config.GetString(SinkSettings.MailboxId + ".type"));
        Assert.Equal(7, config.GetInt(SinkSettings.MailboxId + ".capacity"));
    }

    [Theory]
    [InlineData("codesight.engine.sinks.file.keep = 0", "codesight.engine.sinks.file.keep")]
    [InlineData("codesight.engine.sinks.file.max-bytes = 0", "codesight.engine.sinks.file.max-bytes")]
    [InlineData("codesight.engine.sinks.mailbox-capacity = 0", "codesight.engine.sinks.mailbox-capacity")]
    [InlineData("codesight.engine.sinks.file.flush.every-records = -1", "codesight.engine.sinks.file.flush.every-records")]
    [InlineData("codesight.engine.sinks.file.path = \"\"", "codesight.engine.sinks.file.path")]
    public void RejectsABadSettingNamingItsPath(string hocon, string path)
    {
        var config = ConfigurationFactory.Load(ConfigurationFactory.ParseString(hocon));
        var error = Assert.Throws<ConfigurationException>(() => new SinkSettings(config));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void StartsNothingWhenEverySinkIsOff()
    {
        using var system = ActorSystem.Create("sinks-off");
        Assert.Empty(ConfiguredSinks.Start(system));
    }

    [Fact]
    public async Task StartsTheEnabledSinksWithTheConfiguredFile()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("configured.ndjson").Replace("\\", "/", StringComparison.Ordinal);
        using var system = ActorSystem.Create("sinks-on", $$"""
            codesight.engine.sinks {
              console { enabled = on }
              file { enabled = on, path = "{{path}}", flush { every-records = 1 } }
            }
            """);
        var console = new StringWriter();

        var started = ConfiguredSinks.Start(system, console);

        Assert.Equal(["/user/" + ConfiguredSinks.ConsoleName, "/user/" + ConfiguredSinks.FileName], started.Select(s => s.Path.ToStringWithoutAddress()));
        foreach (var sink in started) await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var probe = SomeProbes.Closed("configured");
        system.EventStream.Publish(SomeProbes.Close(probe));
        foreach (var sink in started) await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Contains(ConsoleSink.Format(probe), console.ToString());
        Assert.Single(File.ReadAllLines(path));
        await system.Terminate();
    }
}
