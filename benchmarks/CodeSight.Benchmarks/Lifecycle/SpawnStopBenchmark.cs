using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.Lifecycle;

/*
BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:11 UTC, load average ~28-33 on the 2 cores (others building): rates far below a quiet machine's.
InProcessEmitToolchain, default job. Goal >= 1 M actors/s: not met in this run (benchmarks/results/spawn-stop.md).

| Method       | Spawners | MaxLive | Mean      | Error     | StdDev   | actors/s | Gen0   | Gen1   | Gen2   | Allocated |
|------------- |--------- |-------- |----------:|----------:|---------:|---------:|-------:|-------:|-------:|----------:|
| SpawnAndStop | 1        | 1000    |  4.754 μs | 0.9061 μs | 2.657 μs |  210.3 k | 0.0300 | 0.0200 |      - |     666 B |
| SpawnAndStop | 1        | 100000  | 11.034 μs | 0.9706 μs | 2.862 μs |   90.6 k | 0.0400 | 0.0300 | 0.0100 |     688 B |
| SpawnAndStop | 4        | 1000    |  3.372 μs | 0.3693 μs | 1.089 μs |  296.6 k | 0.0350 | 0.0150 |      - |     666 B |
| SpawnAndStop | 4        | 100000  | 15.118 μs | 1.7238 μs | 5.028 μs |   66.1 k | 0.0500 | 0.0400 | 0.0100 |     688 B |
*/

/// <summary>
/// Spawn and stop rate of short-lived actors: spawners create <see cref="TotalActors"/> children between them, each
/// child handles one message, reports and stops itself; an invocation ends when every child's termination has been
/// processed by its parent. <see cref="MaxLive"/> bounds how many children a spawner keeps alive at once (like a
/// bounded number of open trails); the largest value creates all of them in one burst. One operation is one
/// actor's whole life, so actors/s is 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ActorsPerSecondConfig))]
public class SpawnStopBenchmark
{
    private const int TotalActors = 100_000;

    private ActorSystem? _system;
    private IActorRef[] _spawners = [];

    [Params(1, 4)]
    public int Spawners { get; set; }

    [Params(1_000, TotalActors)]
    public int MaxLive { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("spawn");
        _spawners = new IActorRef[Spawners];
        for (var i = 0; i < Spawners; i++) _spawners[i] = _system.ActorOf(Props.Create(static () => new Spawner()));
    }

    [GlobalCleanup]
    public void Cleanup() => _system?.Terminate().Wait(TimeSpan.FromSeconds(30));

    [Benchmark(OperationsPerInvoke = TotalActors)]
    public void SpawnAndStop()
    {
        var round = new SpawnRound(Spawners, TotalActors / Spawners, MaxLive);
        foreach (var spawner in _spawners) spawner.Tell(round, null);
        round.Done.Wait();
    }
}
