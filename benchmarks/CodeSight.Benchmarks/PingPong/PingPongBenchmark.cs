using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.PingPong;

/*
BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:06 UTC, load average ~32-36 on the 2 cores (others building): rates far below a quiet machine's.
InProcessEmitToolchain (the out-of-process build timed out under that load), default job.
Goals >= 10 M msg/s and >= 2x Channels: not met in this run (see benchmarks/results/ping-pong.md).

| Method   | Pairs | Window | Mean     | Error    | StdDev    | Median   | Ratio | RatioSD | msg/s  | Allocated | Alloc Ratio |
|--------- |------ |------- |---------:|---------:|----------:|---------:|------:|--------:|-------:|----------:|------------:|
| Channels | 2     | 100    | 228.4 ns | 29.48 ns |  84.58 ns | 229.9 ns |  1.17 |    0.70 | 4.38 M |         - |          NA |
| Actors   | 2     | 100    | 298.5 ns | 36.92 ns | 107.69 ns | 263.1 ns |  1.53 |    0.91 | 3.35 M |         - |          NA |
|          |       |        |          |          |           |          |       |         |        |           |             |
| Channels | 8     | 100    | 202.1 ns | 15.46 ns |  44.10 ns | 203.0 ns |  1.05 |    0.35 | 4.95 M |         - |          NA |
| Actors   | 8     | 100    | 240.5 ns | 29.40 ns |  85.76 ns | 235.0 ns |  1.25 |    0.55 | 4.16 M |         - |          NA |
|          |       |        |          |          |           |          |       |         |        |           |             |
| Channels | 32    | 100    | 116.1 ns | 11.80 ns |  32.31 ns | 111.8 ns |  1.07 |    0.41 | 8.62 M |         - |          NA |
| Actors   | 32    | 100    | 266.8 ns | 35.97 ns | 104.92 ns | 248.8 ns |  2.46 |    1.17 | 3.75 M |         - |          NA |
*/

/// <summary>
/// Message throughput between pairs of actors, each pair keeping <see cref="Window"/> messages in flight, against
/// the same exchange built on System.Threading.Channels in the same run. One operation is one message delivered
/// (a ping or a pong), so the Mean is the cost per message and msg/s is 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessagesPerSecondConfig))]
public class PingPongBenchmark
{
    private const int TotalPings = 500_000;
    private const int MessagesPerInvoke = 2 * TotalPings;

    private ActorSystem? _system;
    private (IActorRef Pinger, IActorRef Ponger)[] _pairs = [];

    [Params(2, 8, 32)]
    public int Pairs { get; set; }

    [Params(100)]
    public int Window { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong");
        _pairs = new (IActorRef, IActorRef)[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            _pairs[i] = (_system.ActorOf(Props.Create(static () => new Pinger())), _system.ActorOf(Props.Create(static () => new Ponger())));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system?.Terminate().Wait(TimeSpan.FromSeconds(30));

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke)]
    public void Channels()
    {
        var round = new PingPongRound(Pairs, TotalPings / Pairs, Window);
        var players = new Task[Pairs];
        for (var i = 0; i < Pairs; i++) players[i] = ChannelPair.Play(round);
        Task.WaitAll(players);
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public void Actors()
    {
        var round = new PingPongRound(Pairs, TotalPings / Pairs, Window);
        foreach (var (pinger, ponger) in _pairs) pinger.Tell(new StartRound(round, ponger), null);
        round.Done.Wait();
    }
}
