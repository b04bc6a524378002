using System.Reflection;
using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class ReferenceConfigTests
{
    [Fact]
    public void EveryCallGivesTheSameSettings()
    {
        Assert.Equal(ConfigurationFactory.Reference().ToString(), ConfigurationFactory.Reference().ToString());
    }

    [Fact]
    public void HoldsTheDispatcherDefaults()
    {
        var config = ConfigurationFactory.Load();
        Assert.Equal("thread-pool", config.GetString("codesight.actor.default-dispatcher.type"));
        Assert.Equal(30, config.GetInt("codesight.actor.default-dispatcher.throughput"));
        Assert.Equal("dedicated-threads", config.GetString("codesight.actor.blocking-io-dispatcher.type"));
        Assert.Equal(2, config.GetInt("codesight.actor.blocking-io-dispatcher.thread-count"));
        Assert.Equal(30, config.GetInt("codesight.actor.blocking-io-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromMilliseconds(1), config.GetTimeSpan("codesight.actor.default-dispatcher.throughput-deadline"));
        Assert.Equal(TimeSpan.Zero, config.GetTimeSpan("codesight.actor.blocking-io-dispatcher.throughput-deadline"));
    }

    [Fact]
    public void HoldsTheMailboxDefaults()
    {
        var config = ConfigurationFactory.Load();
        Assert.Equal("unbounded", config.GetString("codesight.actor.default-mailbox.type"));
        Assert.Equal("bounded", config.GetString("codesight.actor.bounded-mailbox.type"));
        Assert.Equal(1000, config.GetInt("codesight.actor.bounded-mailbox.capacity"));
    }

    [Fact]
    public void HoldsTheAskDeploymentAndSupervisorDefaults()
    {
        var config = ConfigurationFactory.Load();
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("codesight.actor.ask-timeout"));
        Assert.True(config.HasPath("codesight.actor.deployment"));
        Assert.True(config.GetConfig("codesight.actor.deployment").IsEmpty);
        Assert.Equal(-1, config.GetInt("codesight.actor.default-supervisor.max-retries"));
        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetTimeSpan("codesight.actor.default-supervisor.within"));
    }

    [Fact]
    public void HoldsTheTestKitDefaults()
    {
        var config = ConfigurationFactory.Load();
        var fromEnvironment = Environment.GetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR");
        var expected = string.IsNullOrEmpty(fromEnvironment) ? 1.0 : double.Parse(fromEnvironment, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, config.GetDouble("codesight.test.timefactor"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("codesight.test.single-expect-default"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.GetTimeSpan("codesight.test.expect-no-message-default"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("codesight.test.shutdown-timeout"));
    }

    [Fact]
    public void LetsUserSettingsOverrideDefaultsAndKeepsTheRest()
    {
        var user = ConfigurationFactory.ParseString("codesight.actor.ask-timeout = 10s\ncodesight.test.timefactor = 2.5");
        var config = ConfigurationFactory.Load(user);
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("codesight.actor.ask-timeout"));
        Assert.Equal(2.5, config.GetDouble("codesight.test.timefactor"));
        Assert.Equal(30, config.GetInt("codesight.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void EnumeratesDeploymentEntriesAddedByTheUser()
    {
        var user = ConfigurationFactory.ParseString("""
            codesight.actor.deployment {
              "/user/ledger" {
                dispatcher = "codesight.actor.blocking-io-dispatcher"
                mailbox = "codesight.actor.bounded-mailbox"
              }
              "/user/sink" { mailbox = ${codesight.actor.deployment."/user/ledger".mailbox} }
            }
            """);
        var deployment = ConfigurationFactory.Load(user).GetConfig("codesight.actor.deployment");
        Assert.Equal(["/user/ledger", "/user/sink"], deployment.Keys);
        Assert.Equal("codesight.actor.bounded-mailbox", deployment.GetString("\"/user/sink\".mailbox"));
    }

    [Fact]
    public void HasAtLeastTheKernelSections()
    {
        var actor = ConfigurationFactory.Reference().GetConfig("codesight.actor");
        Assert.Equal(
            ["default-dispatcher", "blocking-io-dispatcher", "default-mailbox", "bounded-mailbox", "ask-timeout", "deployment", "default-supervisor"],
            actor.Keys);
    }

    [Fact]
    public void DropsDefaultDeploymentEntriesWhenTheUserSetsTheSectionToNullFirst()
    {
        var defaults = ConfigurationFactory.ParseString("codesight.actor.deployment { \"/user/old\" { mailbox = x } }");
        var user = ConfigurationFactory.ParseString("codesight.actor.deployment = null\ncodesight.actor.deployment { \"/user/new\" { mailbox = y } }");
        var config = user.WithFallback(defaults).WithFallback(ConfigurationFactory.Reference()).Resolve();
        Assert.Equal(["/user/new"], config.GetConfig("codesight.actor.deployment").Keys);
    }

    [Fact]
    public void DocumentsEverySettingWithACommentThatGivesItsDefault()
    {
        var assembly = typeof(ConfigurationFactory).Assembly;
        using var stream = assembly.GetManifestResourceStream(ConfigurationFactory.ReferenceResourceName);
        Assert.NotNull(stream);
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');
        var settings = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || !line.Contains('='))
            {
                continue;
            }

            settings++;
            var comment = new List<string>();
            for (var j = i - 1; j >= 0 && lines[j].Trim().StartsWith('#'); j--)
            {
                comment.Add(lines[j]);
            }

            Assert.True(comment.Count > 0, $"reference.conf line {i + 1} '{line}' has no comment above it");
            if (!line.Contains("${"))
            {
                Assert.True(comment.Exists(c => c.Contains("Default:")), $"reference.conf line {i + 1} '{line}' does not state its default");
            }
        }

        Assert.True(settings >= 14, $"expected at least the 14 kernel settings, found {settings}");
    }
}
