using System.Diagnostics;
using CodeSight.Actors;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>
/// A quick, interleaved comparison for tuning sessions (<c>-- quick-pingpong [pairs] [rounds]</c>): it alternates
/// the Channels baseline and the actors round by round in one process, so that load from elsewhere on the machine
/// hits both alike, and prints each round and the medians. Final numbers come from <see cref="PingPongBenchmark"/>.
/// </summary>
public static class QuickPingPong
{
    private const int TotalPings = 500_000;
    private const int Window = 100;

    public static void Run(int pairs, int rounds, bool actorsOnly = false)
    {
        using var system = ActorSystem.Create("quick");
        var actors = new (IActorRef Pinger, IActorRef Ponger)[pairs];
        for (var i = 0; i < pairs; i++)
        {
            actors[i] = (system.ActorOf(Props.Create(static () => new Pinger())), system.ActorOf(Props.Create(static () => new Ponger())));
        }

        var channelRates = new List<double>();
        var actorRates = new List<double>();
        var channelCpu = new List<double>();
        var actorCpu = new List<double>();
        for (var r = -1; r < rounds; r++) // round -1 warms up both
        {
            var (channels, channelNs) = actorsOnly ? (double.NaN, double.NaN) : Measure(() =>
            {
                var round = new PingPongRound(pairs, TotalPings / pairs, Window);
                var players = new Task[pairs];
                for (var i = 0; i < pairs; i++) players[i] = ChannelPair.Play(round);
                Task.WaitAll(players);
            });
            var (actorRate, actorNs) = Measure(() =>
            {
                var round = new PingPongRound(pairs, TotalPings / pairs, Window);
                foreach (var (pinger, ponger) in actors) pinger.Tell(new StartRound(round, ponger), null);
                round.Done.Wait();
            });
            if (r < 0) continue;
            channelRates.Add(channels);
            actorRates.Add(actorRate);
            channelCpu.Add(channelNs);
            actorCpu.Add(actorNs);
            Console.WriteLine($"round {r}: channels {channels / 1e6:N2} M msg/s ({channelNs:N0} cpu-ns/msg), actors {actorRate / 1e6:N2} M msg/s ({actorNs:N0} cpu-ns/msg), ratio {actorRate / channels:N2}");
        }
        Console.WriteLine($"median ({pairs} pairs): channels {Median(channelRates) / 1e6:N2} M msg/s, actors {Median(actorRates) / 1e6:N2} M msg/s, ratio {Median(actorRates) / Median(channelRates):N2}; cpu-ns/msg channels {Median(channelCpu):N0}, actors {Median(actorCpu):N0}");
    }

    // Wall-clock rate, and process CPU time per message: the latter is steadier when other work shares the cores
    // (though it also counts the thread pool's idle spinning).
    private static (double PerSecond, double CpuNsPerMessage) Measure(Action round)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        round();
        var elapsed = watch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return (2.0 * TotalPings / elapsed.TotalSeconds, cpu.TotalNanoseconds / (2.0 * TotalPings));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
