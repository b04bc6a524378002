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
/// <code>
/// Before/after batch-minted ids (benchmarks/results/sampled-out.md; shared machine, load average 5-16):
/// | Run                 | dropped child + note | OTel, no listener | dropped OpenTrail     | Allocated |
/// |-------------------- |--------------------- |------------------ |---------------------- |---------- |
/// | before (load 5)     | 0.47 ns              |  4.27 ns          | 117.3 ns (SD 29.3)    | 0 B       |
/// | after (load 13-16)  | 0.39 ns              | 22.4 ns           | 120.5 ns (SD 2.8)     | 0 B       |
/// Process CPU per dropped OpenTrail (quick-dropped, load ~40): 50-57 ns after, 75-110 ns for the old path's parts.
/// </code>
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
