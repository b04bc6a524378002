using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Sight;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sight;

public sealed class LogRuleTests : CodeSight.TestKit.TestKit
{
    private readonly SightRegistry _sight;
    private readonly TestProbe _observations;

    public LogRuleTests()
    {
        _sight = new SightRegistry(Sys.EventStream, new ManualClock());
        _observations = CreateTestProbe();
        Sys.EventStream.Subscribe(_observations.Ref, typeof(Observation));
    }

    [Fact]
    public void ADropRuleDropsMatchingLinesAndCountsThem()
    {
        _sight.AddLogRule(LogRule.Drop("quiet-heartbeats", contains: "heartbeat"));

        _sight.Log("net", "heartbeat 1");
        _sight.Log("net", "connection lost");

        Assert.Equal("connection lost", Level(out _));
        Assert.Equal(1, _sight.LogsDroppedByRules);
        _observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ALevelRuleTurnsTheLevelUpOrDown()
    {
        _sight.AddLogRule(LogRule.SetLevel("escalate-collisions", "ERROR", contains: "collision"));
        _sight.AddLogRule(LogRule.SetLevel("calm-physics", "DEBUG", target: "physics", level: "info"));

        _sight.Log("navigation_module", "collision ahead", "WARNING");
        _sight.Log("physics", "step done", "INFO");
        _sight.Log("physics", "step slow", "WARNING");

        Level(out var first);
        Level(out var second);
        Level(out var third);
        Assert.Equal(["ERROR", "DEBUG", "WARNING"], new[] { first, second, third });
    }

    [Fact]
    public void TheFirstMatchingRuleWins()
    {
        _sight.AddLogRule(LogRule.SetLevel("first", "ERROR", target: "agent*"));
        _sight.AddLogRule(LogRule.Drop("second", target: "agent.planner"));

        _sight.Log("agent.planner", "kept");

        Level(out var level);
        Assert.Equal("ERROR", level);
    }

    [Fact]
    public void ATargetEndingInAStarMatchesByPrefix()
    {
        var rule = LogRule.Drop("r", target: "agent.*");
        Assert.True(rule.Matches("agent.planner", "m", "INFO"));
        Assert.False(rule.Matches("agents", "m", "INFO"));
        Assert.False(LogRule.Drop("exact", target: "agent").Matches("agent.planner", "m", "INFO"));
    }

    [Fact]
    public void RulesAreReplacedByNameAndRemoved()
    {
        _sight.AddLogRule(LogRule.Drop("r", contains: "a"));
        _sight.AddLogRule(LogRule.Drop("other", contains: "zzz"));
        _sight.AddLogRule(LogRule.SetLevel("r", "ERROR", contains: "a"));

        Assert.Equal(["r", "other"], _sight.LogRules.Select(r => r.Name));
        Assert.False(_sight.LogRules[0].Drops);

        Assert.True(_sight.RemoveLogRule("r"));
        Assert.False(_sight.RemoveLogRule("r"));
        _sight.Log("t", "a message");
        Level(out var level);
        Assert.Equal("INFO", level);
    }

    [Fact]
    public void RulesApplyOnlyToLogs()
    {
        _sight.AddLogRule(LogRule.Drop("everything"));
        _sight.Metric("fps", 60);
        Assert.Equal(SightRegistry.MetricPoint, _observations.ExpectMsg<Observation>().SightPoint);
    }

    [Fact]
    public void RejectsARuleWithoutALevelToSet()
    {
        Assert.Throws<ArgumentException>(() => LogRule.SetLevel("r", " "));
        Assert.Throws<ArgumentException>(() => LogRule.Drop(""));
    }

    private string Level(out string level)
    {
        var log = Assert.IsType<LogPayload>(_observations.ExpectMsg<Observation>().Payload);
        level = log.Level;
        return log.Message;
    }
}
