using CodeSight.Contracts.Observations;
using CodeSight.Engine.Sight;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Sight;

public sealed class LogContextTests : EngineTestKit
{
    [Fact]
    public void ALogWithContextCarriesItsFieldsAndTheProbe()
    {
        var engine = StartEngine();
        var observations = Subscribe<Observation>();
        using var root = engine.Recorder.OpenTrail("root");
        var fields = new Dictionary<string, object?> { ["OrderId"] = 42L, ["{OriginalFormat}"] = "order {OrderId}" };

        engine.Sight.Log("shop", "order 42", "INFO", fields, root, Modality.Planning);

        var observation = observations.ExpectMsg<Observation>();
        Assert.Equal(42L, observation.Context["OrderId"]);
        Assert.Equal(root.Id, observation.ProbeId);
        Assert.Equal(Modality.Planning, observation.Modality);
        Assert.Equal(new LogPayload("order 42", "INFO"), observation.Payload);
    }

    [Fact]
    public void ALogRuleStillDropsALogWithContextAndCountsIt()
    {
        var engine = StartEngine();
        var observations = Subscribe<Observation>();
        engine.Sight.AddLogRule(LogRule.Drop("no-noise", contains: "noise"));

        engine.Sight.Log("shop", "noise", "INFO", new Dictionary<string, object?> { ["k"] = 1L }, null, Modality.Simulation);

        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, engine.Sight.LogsDroppedByRules);
    }
}
