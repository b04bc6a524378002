using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sampling;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// What unrecorded work costs the caller: a child probe plus a note under a dropped trail, and opening a trail the
/// ratio gate drops, against an OpenTelemetry activity source that nobody listens to.
/// </summary>
[MemoryDiagnoser]
public class SampledOutBenchmark
{
    private ActorSystem _system = null!;
    private CodeSightEngine _engine = null!;
    private ProbeHandle _droppedRoot = null!;
    private ActivitySource _unheard = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", "codesight.stdout-loglevel = off");
        // A fraction so small that no id is ever admitted, yet above zero: every open pays the full FNV-1a hash of
        // its id, as a dropped trail does under any real ratio.
        _engine = CodeSightEngine.Start(_system, new EngineOptions { Gate = new RatioGate(1e-12) });
        _droppedRoot = _engine.Recorder.OpenTrail("dropped");
        if (_droppedRoot.IsRecording) throw new InvalidOperationException("The benchmark's trail was admitted.");
        _unheard = new ActivitySource("CodeSight.Benchmarks.Unheard");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _unheard.Dispose();
        _system.Terminate().Wait(TimeSpan.FromSeconds(30));
    }

    [Benchmark(Description = "CodeSight: Child + Note + Close under a dropped trail")]
    public bool CodeSightDroppedChild()
    {
        var child = _droppedRoot.Child(ProbeKind.Tool, "tool");
        child.Note("index", 42);
        child.Close();
        return child.IsRecording;
    }

    [Benchmark(Baseline = true, Description = "OpenTelemetry: StartActivity + SetTag + Stop, no listener")]
    public bool OpenTelemetryUnheardActivity()
    {
        var activity = _unheard.StartActivity("tool");
        activity?.SetTag("index", 42);
        activity?.Stop();
        return activity is null;
    }

    [Benchmark(Description = "CodeSight: OpenTrail dropped by the ratio gate")]
    public bool CodeSightDroppedOpenTrail() => _engine.Recorder.OpenTrail("run").IsRecording;
}
