using System.CommandLine;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Sinks;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight replay FILE.ndjson [--strict]</c>: reads NDJSON close records (a FileSink's output, an export) back
/// into trails and prints each as a probe tree. Malformed lines are reported as <c>FILE:LINE: field: reason</c>;
/// without <c>--strict</c> they are skipped, with it the first one ends the replay with exit code 2.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The NDJSON file to replay." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed line (exit 2) instead of skipping it." };
        var command = new Command("replay", "Replay NDJSON close records into trails and print them.") { file, strict };
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(file)!.FullName, parse.GetValue(strict), Console.Out, Console.Error, cancel));
        return command;
    }

    /// <summary>Replays <paramref name="path"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string path, bool strict, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        if (!File.Exists(path))
        {
            await errors.WriteLineAsync($"codesight replay: {path}: no such file.");
            return Program.BadUsage;
        }
        var diagnostics = new ReplayDiagnostics();
        IReadOnlyList<ReplayedTrail> trails;
        try
        {
            trails = await TraceReplay.ReplayTrails(ReplaySource.FromFile(path), new ReplayOptions { Strict = strict, Diagnostics = diagnostics }, cancel);
        }
        catch (ReplayFormatException e)
        {
            await errors.WriteLineAsync($"codesight replay: {path}:{e.LineNumber}: {e.Field}: {e.Reason}");
            return Program.BadUsage;
        }
        foreach (var issue in diagnostics.Issues)
        {
            await errors.WriteLineAsync($"codesight replay: {path}:{issue.LineNumber}: {issue.Field}: {issue.Reason} (skipped)");
        }
        foreach (var trail in trails)
        {
            await output.WriteLineAsync($"trail {trail.TrailId} — {trail.Probes.Count} probes, {(trail.IsComplete ? "complete" : "incomplete")}");
            if (trail.Root is { } root) await PrintAsync(trail, root.Id, 1, output);
            else
            {
                foreach (var orphan in trail.Probes.Values.Where(p => p.ParentId is { } parent && !trail.Probes.ContainsKey(parent)))
                {
                    await PrintAsync(trail, orphan.Id, 1, output);
                }
            }
        }
        await output.WriteLineAsync($"{trails.Count} trails, {trails.Sum(t => t.Probes.Count)} probes from {diagnostics.RecordsRead} records; {diagnostics.SkippedCount} lines skipped.");
        return Program.Ok;
    }

    private static async Task PrintAsync(ReplayedTrail trail, ProbeId id, int depth, TextWriter output)
    {
        await output.WriteLineAsync(new string(' ', depth * 2) + ConsoleSink.Format(trail.Probes[id]));
        if (!trail.Children.TryGetValue(id, out var children)) return;
        foreach (var child in children) await PrintAsync(trail, child, depth + 1, output);
    }
}
