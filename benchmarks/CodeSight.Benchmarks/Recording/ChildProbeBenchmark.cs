using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Recording;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// Caller-thread cost of one sampled-in child probe in a running trail: open + one note + close, against
/// OpenTelemetry .NET's StartActivity + SetTag + Stop with the AlwaysOn sampler and one processor. Each invocation
/// records <see cref="ProbesPerInvoke"/> children under one root (the root's open and close are amortised over them);
/// after each iteration (2,048 probes) the engine is drained, so the trail actor's backlog stays small: a long
/// backlog would make every gen-0 collection promote it and charge that to the caller.
/// <code>
/// Before/after trail shards, same window, load average 9-13 (benchmarks/results/child-probe.md):
/// | Run    | CodeSight | OpenTelemetry | Ratio | Allocated (all threads) | caller-thread bytes |
/// |------- |---------- |-------------- |------ |------------------------ |-------------------- |
/// | before | 1.088 us  | 1.335 us      | 0.83  | 319 B vs 508 B          | 317 B vs 506 B      |
/// | after  | 1.877 us  | 1.815 us      | 1.24  | 617 B vs 510 B          | 235 B vs 506 B      |
/// </code>
/// </summary>
[MemoryDiagnoser]
[InvocationCount(8)]
public class ChildProbeBenchmark
{
    private const int ProbesPerInvoke = 256;
    private ActorSystem _system = null!;
    private CodeSightEngine _engine = null!;
    private ActivitySource _source = null!;
    private TracerProvider _provider = null!;
    private DiscardingProcessor _processor = null!;

    // MemoryDiagnoser counts every thread's allocations, the trail actor's included; these count the caller's alone.
    private long _callerBytes;
    private long _callerOps;
    private string _measured = "nothing";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", "codesight.stdout-loglevel = off");
        _engine = CodeSightEngine.Start(_system);
        _source = new ActivitySource("CodeSight.Benchmarks");
        _processor = new DiscardingProcessor();
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(_source.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(_processor)
            .Build()!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_callerOps > 0) Console.WriteLine($"// {_measured}: caller-thread bytes per operation: {_callerBytes / (double)_callerOps:F1}");
        _provider.Dispose();
        _source.Dispose();
        _system.Terminate().Wait(TimeSpan.FromSeconds(30));
    }

    [IterationCleanup(Target = nameof(CodeSightChildProbe))]
    public void Drain()
    {
        // Wait for the trail actors to apply everything sent so far (not measured: it runs outside the invocations).
        var opened = _engine.Counters.ProbesOpened;
        var closed = _engine.Counters.ProbesClosed;
        while (closed.Value < opened.Value || _engine.RunningTrails > 0) Thread.Sleep(1);
    }

    [Benchmark(OperationsPerInvoke = ProbesPerInvoke, Description = "CodeSight: Child + Note + Close")]
    public ulong CodeSightChildProbe()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var root = _engine.Recorder.OpenTrail("root");
        for (var i = 0; i < ProbesPerInvoke; i++)
        {
            var child = root.Child(ProbeKind.Tool, "tool");
            child.Note("index", i);
            child.Close();
        }
        root.Close();
        _callerBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        _callerOps += ProbesPerInvoke;
        _measured = "CodeSight";
        return root.Id.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ProbesPerInvoke, Description = "OpenTelemetry: StartActivity + SetTag + Stop")]
    public long OpenTelemetryActivity()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (_source.StartActivity("root"))
        {
            for (var i = 0; i < ProbesPerInvoke; i++)
            {
                var child = _source.StartActivity("tool");
                child!.SetTag("index", i);
                child.Stop();
            }
        }
        _callerBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        _callerOps += ProbesPerInvoke;
        _measured = "OpenTelemetry";
        return _processor.Ended;
    }
}
