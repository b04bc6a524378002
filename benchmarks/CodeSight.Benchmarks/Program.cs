using System.Globalization;
using BenchmarkDotNet.Running;
using CodeSight.Benchmarks.Lifecycle;
using CodeSight.Benchmarks.PingPong;

namespace CodeSight.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/CodeSight.Benchmarks -- --filter '*'</c> runs the
/// BenchmarkDotNet suites; <c>-- quick-pingpong [pairs] [rounds] [actors]</c> runs the quick interleaved tuning comparison (with <c>actors</c>, the actors alone, for profiling);
/// <c>-- quick-spawn [spawners] [rounds] [maxLive]</c> the quick spawn+stop measurement;
/// <c>-- quick-e2e [probesPerTrail] [rounds] [notes]</c> the quick end-to-end recording measurement (each probe noted <c>notes</c> times);
/// <c>-- quick-child [rounds]</c> the quick caller-thread cost of a child probe against OpenTelemetry;
/// <c>-- quick-dropped [rounds]</c> the quick cost of opening a trail the ratio gate drops.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick-pingpong")
        {
            var pairs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
            var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
            QuickPingPong.Run(pairs, rounds, actorsOnly: args.Length > 3 && args[3] == "actors");
            return;
        }
        if (args.Length > 0 && args[0] == "quick-spawn")
        {
            var spawners = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
            var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
            var maxLive = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000;
            QuickSpawnStop.Run(spawners, rounds, maxLive);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-e2e")
        {
            var probesPerTrail = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
            var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
            var notes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
            Recording.QuickEndToEnd.Run(probesPerTrail, rounds, notes);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-child")
        {
            Recording.QuickChildProbe.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-dropped")
        {
            Recording.QuickDroppedOpen.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
