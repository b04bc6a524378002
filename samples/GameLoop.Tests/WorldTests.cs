using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine;
using CodeSight.Engine.Sampling;
using CodeSight.TestKit;
using Xunit;

namespace GameLoop.Tests;

// <embed:test>
public sealed class WorldTests : TestKit
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1.0 / 60);

    [Fact]
    public void AFrameIsOneTrailWhoseSignalsArriveInOrder()
    {
        var engine = CodeSightEngine.Start(Sys);
        var signals = CreateTestProbe("signals");
        Sys.EventStream.Subscribe<Signal>(signals.Ref);
        var world = new World(engine, seed: 1, entities: 2);

        world.Step(Step);

        // Every entity starts at its work site, so in the first frame each one plans Work.
        var frame = signals.ExpectMsg<OpenSignal>(s => s.Probe.Name == "frame" && s.Probe.IsRoot).Probe;
        signals.ExpectMsg<UpdateSignal>(s => s.Probe.Id == frame.Id && Equals(s.Probe.Attributes["frame"], 1L));
        foreach (var entity in world.Entities)
        {
            var plan = signals.ExpectMsg<OpenSignal>(s => s.Probe.Name == "plan" && s.Probe.ParentId == frame.Id).Probe;
            signals.ExpectMsg<UpdateSignal>(s => s.Probe.Id == plan.Id && Equals(s.Probe.Attributes["goal"], "Work"));
            var act = signals.ExpectMsg<OpenSignal>(s => s.Probe.Name == "Work" && s.Probe.ParentId == plan.Id).Probe;
            signals.ExpectMsg<UpdateSignal>(s => s.Probe.Id == act.Id && s.Probe.Attributes.ContainsKey("amount"));
            signals.ExpectMsg<UpdateSignal>(s => s.Probe.Id == act.Id && s.Probe.Attributes.ContainsKey("energy"));
            signals.ExpectMsg<CloseSignal>(s => s.Probe.Id == act.Id);
            signals.ExpectMsg<CloseSignal>(s => s.Probe.Id == plan.Id && Equals(s.Probe.Attributes["entity"], entity.Name));
        }

        signals.ExpectMsg<CloseSignal>(s => s.Probe.Id == frame.Id && s.Probe.Status == ProbeStatus.Ok);
    }

    [Fact]
    public void ASampledOutFrameProducesNothing()
    {
        var engine = CodeSightEngine.Start(Sys, new EngineOptions { Gate = NeverGate.Instance });
        var signals = CreateTestProbe("signals");
        Sys.EventStream.Subscribe<Signal>(signals.Ref);
        var world = new World(engine);

        world.Step(Step);
        world.Step(Step);

        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, engine.Counters.TrailsSampledOut.Value);
    }
}
// </embed:test>
