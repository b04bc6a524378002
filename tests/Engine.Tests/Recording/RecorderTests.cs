using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary>The recorder facade for hosts that are not actors: switch, no-op handles, Run and RunAsync.</summary>
public sealed class RecorderTests : EngineTestKit
{
    [Fact]
    public void WithTheMasterSwitchOffEveryNewTrailGetsTheNoopHandle()
    {
        var engine = StartEngine();
        var signals = Subscribe<Signal>();
        engine.Recorder.Enabled = false;
        var handle = engine.Recorder.OpenTrail("off");
        Assert.Same(ProbeHandle.Noop, handle);
        Assert.False(handle.IsRecording);
        Assert.False(engine.Recorder.Scope(Contracts.Ids.TrailId.New()).IsRecording);
        Assert.Equal(1, engine.Counters.TrailsSampledOut.Value);
        Assert.Equal(0, engine.RunningTrails);

        engine.Recorder.Enabled = true;
        var live = engine.Recorder.OpenTrail("on");
        Assert.True(live.IsRecording);
        Expect<OpenSignal>(signals, live.Id);
    }

    [Fact]
    public async Task TheMasterSwitchCanStartOffFromConfiguration()
    {
        using var system = Actors.ActorSystem.Create("disabled", "codesight.engine.enabled = off");
        var engine = CodeSightEngine.Start(system);
        Assert.False(engine.Recorder.Enabled);
        Assert.Same(ProbeHandle.Noop, engine.Recorder.OpenTrail("off"));
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ASampledOutTrailGetsTheNoopHandleWhoseChildIsItself()
    {
        var engine = StartEngine(new EngineOptions { Gate = NeverGate.Instance });
        var signals = Subscribe<Signal>();
        var root = engine.Recorder.OpenTrail("dropped");
        Assert.Same(ProbeHandle.Noop, root);
        var child = root.Child(ProbeKind.Tool, "tool", new Dictionary<string, object?> { ["a"] = 1 });
        Assert.Same(root, child);
        Assert.True(child.TrailId.IsEmpty);
        Assert.True(child.Id.IsEmpty);
        child.Note("k", "v");
        child.Fail(new InvalidOperationException("ignored"));
        child.Close();
        root.Dispose();
        Assert.Equal(1, engine.Counters.TrailsSampledOut.Value);
        Assert.Equal(0, engine.RunningTrails);
        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void RunRecordsTheExceptionClosesWithErrorAndRethrows()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        var tool = root.Child(ProbeKind.Tool, "tool");
        var thrown = Assert.Throws<ArgumentException>(() => tool.Run(_ => throw new ArgumentException("bad argument")));
        Assert.Equal("bad argument", thrown.Message);
        root.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        var closedTool = completed.Probes.Single(p => p.Id == tool.Id);
        Assert.Equal(ProbeStatus.Error, closedTool.Status);
        Assert.Equal("bad argument", closedTool.Fault?.Message);
        Assert.Equal(typeof(ArgumentException).FullName, closedTool.Fault?.Name);
        Assert.Equal(ProbeStatus.Ok, completed.Root.Status);
    }

    [Fact]
    public void RunClosesOkWhenTheWorkSucceeds()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        var ran = false;
        root.Run(handle =>
        {
            handle.Note("inside", true);
            ran = true;
        });
        Assert.True(ran);
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(ProbeStatus.Ok, completed.Root.Status);
        Assert.Equal(true, completed.Root.Attributes["inside"]);
    }

    [Fact]
    public async Task RunAsyncRecordsTheExceptionAndRethrows()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        var error = await Assert.ThrowsAsync<TimeoutException>(() => root.RunAsync<int>(async _ =>
        {
            await Task.Yield();
            throw new TimeoutException("model took too long");
        }));
        Assert.Equal("model took too long", error.Message);
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(ProbeStatus.Error, completed.Root.Status);
        Assert.Equal("model took too long", completed.Root.Fault?.Message);
    }

    [Fact]
    public async Task RunAsyncReturnsTheResultAndClosesOk()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        var answer = await root.RunAsync(async handle =>
        {
            await Task.Yield();
            handle.Note("tokens", 42);
            return 42;
        });
        Assert.Equal(42, answer);
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(ProbeStatus.Ok, completed.Root.Status);
        Assert.Equal(42L, completed.Root.Attributes["tokens"]);
    }

    [Fact]
    public void AHandleIgnoresCallsAfterItClosed()
    {
        var engine = StartEngine();
        var signals = Subscribe<Signal>();
        var root = engine.Recorder.OpenTrail("run");
        var tool = root.Child(ProbeKind.Tool, "tool");
        tool.Close();
        tool.Note("late", 1);
        tool.Fail(new InvalidOperationException("late"));
        tool.Close(ProbeStatus.Error);
        root.Note("barrier", true);
        Expect<OpenSignal>(signals, root.Id);
        Expect<OpenSignal>(signals, tool.Id);
        Assert.Equal(ProbeStatus.Ok, Expect<CloseSignal>(signals, tool.Id).Probe.Status);
        Expect<UpdateSignal>(signals, root.Id);
        // The handle dropped the late calls itself: the trail never saw them.
        Assert.Equal(0, engine.Counters.UpdatesAfterClose.Value);
        Assert.Equal(0, engine.Counters.RepeatedCloses.Value);
    }

    [Fact]
    public void ProbesAreStampedWithTheEngineClock()
    {
        var clock = new Clock.ManualClock(5_000_000);
        var engine = StartEngine(new EngineOptions { Clock = clock });
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run", ProbeKind.Turn);
        clock.Advance(250);
        var model = root.Child(ProbeKind.Model, "model");
        clock.Advance(1_000);
        model.Close();
        clock.Advance(10);
        root.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal((5_000_000L, (long?)5_001_260L, ProbeKind.Turn), (completed.Root.StartedAt, completed.Root.EndedAt, completed.Root.Kind));
        var child = completed.Probes[1];
        Assert.Equal((5_000_250L, (long?)5_001_250L, (Contracts.Ids.ProbeId?)root.Id), (child.StartedAt, child.EndedAt, child.ParentId));
    }

    [Fact]
    public void TypedNotesRecordTheirValues()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        root.Note("count", 3);
        root.Note("ratio", 0.25);
        root.Note("done", true);
        root.Note("label", "x");
        root.Close();
        var attributes = completions.ExpectMsg<TrailCompleted>().Root.Attributes;
        Assert.Equal(3L, attributes["count"]);
        Assert.Equal(0.25, attributes["ratio"]);
        Assert.Equal(true, attributes["done"]);
        Assert.Equal("x", attributes["label"]);
    }

    [Fact]
    public void WorkUnderASampledOutTrailAllocatesNothing()
    {
        var engine = StartEngine(new EngineOptions { Gate = NeverGate.Instance });
        void Work()
        {
            using var root = engine.Recorder.OpenTrail("dropped");
            var child = root.Child(ProbeKind.Tool, "tool");
            child.Note("count", 3);
            child.Note("ratio", 0.5);
            child.Note("done", true);
            child.Note("label", "x");
            child.Close();
        }
        Work(); // compiles everything first
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
