using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.Lifecycle;

/*
Branch kernelperf, before/after in one window, 2026-11-22 03:24-03:28 UTC, load average ~40 on the 2 cores (never
quiet this session), InProcessEmitToolchain, ShortRun job. Goal >= 1 M actors/s not shown at this load.
After (lock-free system messages and other spawn-path trims), load 42:
| Method       | Spawners | MaxLive | Mean     | Error     | StdDev    | actors/s | Gen0   | Gen1   | Gen2   | Allocated |
|------------- |--------- |-------- |---------:|----------:|----------:|---------:|-------:|-------:|-------:|----------:|
| SpawnAndStop | 1        | 1000    | 1.455 us |  4.780 us | 0.2620 us |  687.3 k | 0.0300 | 0.0200 |      - |     600 B |
| SpawnAndStop | 1        | 100000  | 5.299 us | 12.592 us | 0.6902 us |  188.7 k | 0.0400 | 0.0300 | 0.0100 |     626 B |
| SpawnAndStop | 4        | 1000    | 1.410 us |  4.345 us | 0.2381 us |  709.4 k | 0.0333 | 0.0067 | 0.0033 |     600 B |
| SpawnAndStop | 4        | 100000  | 4.769 us | 13.682 us | 0.7500 us |  209.7 k | 0.0400 | 0.0300 | 0.0100 |     592 B |
Before (commit 1865f8c), load 40:
| Method       | Spawners | MaxLive | Mean      | Error     | StdDev   | actors/s | Gen0   | Gen1   | Gen2   | Allocated |
|------------- |--------- |-------- |----------:|----------:|---------:|---------:|-------:|-------:|-------:|----------:|
| SpawnAndStop | 1        | 1000    |  7.704 us | 37.400 us | 2.050 us |  129.8 k | 0.0300 | 0.0200 |      - |     600 B |
| SpawnAndStop | 1        | 100000  | 17.229 us | 79.269 us | 4.345 us |   58.0 k | 0.0300 | 0.0200 |      - |     629 B |
| SpawnAndStop | 4        | 1000    |  5.957 us | 26.798 us | 1.469 us |  167.9 k | 0.0300 | 0.0100 |      - |     593 B |
| SpawnAndStop | 4        | 100000  |  8.590 us | 19.623 us | 1.076 us |  116.4 k | 0.0400 | 0.0300 | 0.0100 |     605 B |
Earlier results follow; all of them: benchmarks/results/spawn-stop.md.

BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:30 UTC, load average ~11 on the 2 cores (others building). InProcessEmitToolchain, ShortRun job.
Goal >= 1 M actors/s: not met (best 0.59 M). Full run at load ~30: benchmarks/results/spawn-stop.md.

| Method       | Spawners | MaxLive | Mean     | Error     | StdDev    | actors/s | Gen0   | Gen1   | Gen2   | Allocated |
|------------- |--------- |-------- |---------:|----------:|----------:|---------:|-------:|-------:|-------:|----------:|
| SpawnAndStop | 1        | 1000    | 2.628 μs | 21.181 μs | 1.1610 μs |  380.5 k | 0.0300 | 0.0200 |      - |     624 B |
| SpawnAndStop | 1        | 100000  | 4.640 μs |  7.277 μs | 0.3989 μs |  215.5 k | 0.0300 | 0.0200 |      - |     650 B |
| SpawnAndStop | 4        | 1000    | 1.705 μs |  1.802 μs | 0.0988 μs |  586.4 k | 0.0367 | 0.0133 | 0.0033 |     624 B |
| SpawnAndStop | 4        | 100000  | 3.399 μs | 18.773 μs | 1.0290 μs |  294.2 k | 0.0300 | 0.0100 |      - |     618 B |
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
