using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Support;

/// <summary>
/// A TestKit with an engine in reach: probes subscribed to the event stream see every signal and completion, and
/// host messages are built with explicit timestamps so that assertions on times are exact.
/// </summary>
public abstract class EngineTestKit : TestKit.TestKit
{
    protected EngineTestKit(string? hocon = null)
        : base("codesight.test.single-expect-default = 5s\n" + (hocon ?? string.Empty))
    {
    }

    protected CodeSightEngine StartEngine(EngineOptions? options = null) => CodeSightEngine.Start(Sys, options);

    /// <summary>Records a trail of one probe and waits until it has completed and ended; returns its root's handle.</summary>
    protected CodeSight.Engine.Recording.ProbeHandle EndedTrail(CodeSightEngine engine, string name = "done")
    {
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail(name);
        root.Close();
        completions.ExpectMsg<TrailCompleted>();
        AwaitCondition(() => engine.RunningTrails == 0);
        return root;
    }

    /// <summary>A probe that receives every event assignable to <typeparamref name="T"/> from now on.</summary>
    protected TestProbe Subscribe<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    protected static OpenProbe Open(TrailId trail, ProbeId id, ProbeId? parent, long at, string name = "step",
        IReadOnlyDictionary<string, object?>? attributes = null, ProbeKind kind = ProbeKind.Custom) =>
        new(trail, id, parent, kind, name, attributes ?? ProbeAttributes.Empty, at);

    protected static UpdateProbe Update(TrailId trail, ProbeId id, long at, params (string Key, object? Value)[] attributes) =>
        new(trail, id, attributes.ToDictionary(a => a.Key, a => a.Value), at);

    protected static CloseProbe Close(TrailId trail, ProbeId id, long at, ProbeStatus? status = null) => new(trail, id, status, at);

    /// <summary>Takes the next signal and checks its phase and probe.</summary>
    protected static TSignal Expect<TSignal>(TestProbe probe, ProbeId id) where TSignal : Signal =>
        probe.ExpectMsg<Signal>(s => Assert.True(s is TSignal && s.Probe.Id == id,
            $"expected {typeof(TSignal).Name} of {id}, got {s.Phase} of {s.Probe.Id} ({s.Probe.Name})")) as TSignal
        ?? throw new InvalidOperationException("unreachable");
}
