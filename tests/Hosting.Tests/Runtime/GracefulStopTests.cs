using System.Text.Json;
using CodeSight.Contracts.Probes;
using CodeSight.Hosting.Runtime;
using CodeSight.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Runtime;

public sealed class GracefulStopTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task TheNdjsonFileHoldsEveryRecordOnceTheHostsStopAsyncHasReturned()
    {
        const int Trails = 250;
        var ndjson = _scratch.PathOf("trails.ndjson");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCodeSight(options =>
        {
            options.Sinks.File = true;
            options.Sinks.FilePath = ndjson;
            // Flush rarely on its own, so only the stop's flush can put the tail of the records on disk.
            options.Settings["codesight.engine.sinks.file.flush.every-records"] = "100000";
            options.Settings["codesight.engine.sinks.file.flush.interval"] = "1h";
        });
        using var host = builder.Build();
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<CodeSight.Engine.Recording.Recorder>();
        var trailIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Trails; i++)
        {
            using var root = recorder.OpenTrail("order-" + i);
            trailIds.Add(root.TrailId.ToString());
            using (root.Child(ProbeKind.Tool, "reserve")) { }
            using (root.Child(ProbeKind.Model, "price")) { }
        }

        await host.StopAsync();

        var lines = File.ReadAllLines(ndjson);
        Assert.Equal(Trails * 3, lines.Length);
        var perTrail = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("traceId").GetString()!).CountBy(id => id).ToList();
        Assert.Equal(trailIds.Order(), perTrail.Select(pair => pair.Key).Order());
        Assert.All(perTrail, pair => Assert.Equal(3, pair.Value));
    }

    [Fact]
    public async Task ATrailStillOpenAtStopIsReportedThroughILoggerAndInTheStopReport()
    {
        var logs = new CollectedLogs();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddCodeSight(options => options.Settings["codesight.hosting.drain-timeout"] = "200ms");
        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<CodeSightRuntime>();
        var forgotten = runtime.Recorder.OpenTrail("never-closed");

        await host.StopAsync();

        var report = await runtime.StopAsync();
        Assert.Equal(1, report.TrailsLeftRunning);
        Assert.False(report.IsClean);
        Assert.Contains(logs.Entries, entry =>
            entry.Level == LogLevel.Warning
            && entry.Category == typeof(CodeSightRuntime).Namespace + ".CodeSightHostedService"
            && entry.Message.Contains("1 trail(s) were still running", StringComparison.Ordinal));
        Assert.True(forgotten.IsRecording);
    }

    [Fact]
    public async Task ARuntimeWithoutAHostStopsCleanlyOnceAndReturnsTheSameReportAfterwards()
    {
        var runtime = CodeSightRuntime.Start(new CodeSightOptions { SystemName = "no-host" });
        using (runtime.Recorder.OpenTrail("short")) { }

        var first = await runtime.StopAsync();
        var second = await runtime.StopAsync();

        Assert.Same(first, second);
        Assert.True(first.IsClean, string.Join(" ", first.Problems));
        Assert.True(first.Terminated);
        Assert.Equal(0, first.TrailsLeftRunning);
        Assert.False(runtime.Recorder.OpenTrail("after stop").IsRecording);
    }
}
