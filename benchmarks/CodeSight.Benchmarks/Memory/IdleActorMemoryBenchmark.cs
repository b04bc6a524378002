using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.Memory;

/*
Branch kernelperf, 2026-11-22 03:25 UTC, load ~40 (Mean inflated, Retained is not). Goal <= 400 B: met, 380 B
(from 388 B); the Job-SNSJRP rows are the suite's own job, the ShortRun rows came from the --job short switch.
| Method           | Job        | IterationCount | RunStrategy | WarmupCount | Kind    | Mean     | Error     | StdDev    | Retained/actor | Gen0   | Gen1   | Gen2   | Allocated |
|----------------- |----------- |--------------- |------------ |------------ |-------- |---------:|----------:|----------:|---------------:|-------:|-------:|-------:|----------:|
| CreateIdleActors | Job-SNSJRP | 7              | Monitoring  | 1           | Untyped | 3.149 us |  1.343 us | 0.5962 us |          380 B | 0.0200 | 0.0100 |      - |     445 B |
| CreateIdleActors | ShortRun   | 3              | Default     | 3           | Untyped | 7.381 us | 40.087 us | 2.1973 us |          380 B | 0.0300 | 0.0200 | 0.0100 |     445 B |
| CreateIdleActors | Job-SNSJRP | 7              | Monitoring  | 1           | Receive | 8.753 us |  5.359 us | 2.3794 us |          532 B | 0.0400 | 0.0300 | 0.0100 |     685 B |
| CreateIdleActors | ShortRun   | 3              | Default     | 3           | Receive | 8.293 us | 16.244 us | 0.8904 us |          532 B | 0.0400 | 0.0300 | 0.0100 |     685 B |
Earlier results follow; all of them: benchmarks/results/idle-actor-memory.md.

BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:23 UTC, load average ~30 (other builds on the same 2 cores): Mean is inflated, Retained is not.
InProcessEmitToolchain, RunStrategy=Monitoring, InvocationCount=1, WarmupCount=1, IterationCount=7.
Goal <= 400 B retained per idle actor: not met, 412 B / 564 B (see benchmarks/results/idle-actor-memory.md).

| Method           | Kind    | Mean     | Error    | StdDev    | Retained/actor | Gen0   | Gen1   | Gen2   | Allocated |
|----------------- |-------- |---------:|---------:|----------:|---------------:|-------:|-------:|-------:|----------:|
| CreateIdleActors | Untyped | 2.059 μs | 1.658 μs | 0.7359 μs |          412 B | 0.0300 | 0.0200 | 0.0100 |     453 B |
| CreateIdleActors | Receive | 4.520 μs | 5.909 μs | 2.6235 μs |          564 B | 0.0400 | 0.0300 | 0.0100 |     693 B |
*/

/// <summary>
/// Creates <see cref="ActorCount"/> actors and waits until every one has processed its Create (run PreStart), then
/// leaves them idle. Mean and Allocated are per actor (creation and start); the Retained/actor column is what stays
/// reachable per idle actor, measured around each iteration with full collections.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessRetentionConfig))]
public class IdleActorMemoryBenchmark
{
    private const int ActorCount = 100_000;

    /// <summary>Counts actors down as they start; read by the actors' PreStart.</summary>
    internal static CountdownEvent? Started;

    private ActorSystem? _system;
    private long _before;

    [Params(IdleActorKind.Untyped, IdleActorKind.Receive)]
    public IdleActorKind Kind { get; set; }

    [IterationSetup]
    public void CreateSystem()
    {
        _system = ActorSystem.Create("idle");
        // One actor of the kind first, so that one-off costs (JIT, static caches) are not charged to the 100k.
        Started = new CountdownEvent(1);
        _system.ActorOf(NewProps());
        Started.Wait();
        Started = new CountdownEvent(ActorCount);
        _before = GC.GetTotalMemory(forceFullCollection: true);
    }

    [Benchmark(OperationsPerInvoke = ActorCount)]
    public void CreateIdleActors()
    {
        var props = NewProps();
        for (var i = 0; i < ActorCount; i++) _system!.ActorOf(props);
        Started!.Wait();
    }

    [IterationCleanup]
    public void MeasureAndTerminate()
    {
        // Only iterations that created actors count (BDN also calls setup and cleanup around its own overhead runs).
        if (Started is { CurrentCount: 0 })
        {
            var after = GC.GetTotalMemory(forceFullCollection: true);
            RetentionLog.Add(Kind.ToString(), (after - _before) / (double)ActorCount);
        }
        GC.KeepAlive(_system);
        _system!.Terminate().Wait(TimeSpan.FromSeconds(60));
        _system = null;
    }

    private Props NewProps() => Kind == IdleActorKind.Untyped
        ? Props.Create(static () => new IdleUntypedActor())
        : Props.Create(static () => new IdleReceiveActor());
}
