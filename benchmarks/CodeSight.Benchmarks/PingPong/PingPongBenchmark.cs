using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.PingPong;

/*
BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:28 UTC, load average ~15 on the 2 cores (others building). InProcessEmitToolchain, ShortRun job.
Goal >= 10 M msg/s: met here (10.7-10.8 M). Goal >= 2x Channels (Ratio <= 0.50): not met (0.76-1.32).
A full default-job run at load ~35 gave 3.4-4.2 M msg/s, Ratio 1.25-2.46: see benchmarks/results/ping-pong.md.

| Method   | Pairs | Window | Mean      | Error     | StdDev    | Ratio | RatioSD | msg/s   | Allocated | Alloc Ratio |
|--------- |------ |------- |----------:|----------:|----------:|------:|--------:|--------:|----------:|------------:|
| Channels | 2     | 100    |  97.12 ns | 571.05 ns | 31.301 ns |  1.07 |    0.43 | 10.30 M |         - |          NA |
| Actors   | 2     | 100    |  93.25 ns |  77.59 ns |  4.253 ns |  1.03 |    0.29 | 10.72 M |         - |          NA |
|          |       |        |           |           |           |       |         |         |           |             |
| Channels | 8     | 100    | 125.47 ns | 419.72 ns | 23.006 ns |  1.03 |    0.25 |  7.97 M |         - |          NA |
| Actors   | 8     | 100    |  92.58 ns | 110.39 ns |  6.051 ns |  0.76 |    0.14 | 10.80 M |         - |          NA |
|          |       |        |           |           |           |       |         |         |           |             |
| Channels | 32    | 100    |  70.56 ns |  83.59 ns |  4.582 ns |  1.00 |    0.08 | 14.17 M |         - |          NA |
| Actors   | 32    | 100    |  92.74 ns | 109.70 ns |  6.013 ns |  1.32 |    0.10 | 10.78 M |         - |          NA |
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
