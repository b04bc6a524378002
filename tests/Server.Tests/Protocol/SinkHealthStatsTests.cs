using CodeSight.Contracts.Probes;
using CodeSight.Engine.Sinks;
using CodeSight.Server.Tests.Support;

namespace CodeSight.Server.Tests.Protocol;

public sealed class SinkHealthStatsTests
{
    [Fact]
    public async Task AFailingSinkShowsItsFailuresAndLastErrorInTheStats()
    {
        var folder = Path.Combine(Path.GetTempPath(), "codesight-sink-stats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var blocker = Path.Combine(folder, "blocker");
            await File.WriteAllTextAsync(blocker, "a file, not a folder");
            var path = Path.Combine(blocker, "trace.ndjson");
            await using var live = await LiveServer.StartAsync();
            live.System.ActorOf(FileSink.Props(new FileSinkOptions(path) { Flush = FlushPolicy.EveryRecord }), "broken-file-sink");
            await using var client = await live.ConnectAsync();

            var stats = await client.ExpectAsync("stats", m =>
            {
                if (m.GetProperty("sinks").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == "broken-file-sink") is not { ValueKind: System.Text.Json.JsonValueKind.Object } sink) return false;
                if (sink.GetProperty("failures").GetInt64() >= 2) return true;
                // Keep recording until the sink has failed at least twice.
                using (live.Engine.Recorder.OpenTrail("lost to the broken sink", ProbeKind.Run)) { }
                return false;
            });

            var broken = stats.GetProperty("sinks").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "broken-file-sink");
            Assert.Equal("file", broken.GetProperty("kind").GetString());
            Assert.Equal(0, broken.GetProperty("written").GetInt64());
            Assert.Equal(0, broken.GetProperty("dropped").GetInt64());
            Assert.StartsWith("failed to write: ", broken.GetProperty("lastError").GetString());
            Assert.Contains(path, broken.GetProperty("lastError").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AHealthySinkShowsWhatItWroteWithNoError()
    {
        await using var live = await LiveServer.StartAsync();
        var stream = new MemoryStream();
        live.System.ActorOf(StreamSink.Props(stream), "memory-sink");
        await using var client = await live.ConnectAsync();

        var stats = await client.ExpectAsync("stats", m =>
        {
            var sink = m.GetProperty("sinks").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == "memory-sink");
            if (sink.ValueKind == System.Text.Json.JsonValueKind.Object && sink.GetProperty("written").GetInt64() >= 3) return true;
            using (live.Engine.Recorder.OpenTrail("kept", ProbeKind.Run)) { }
            return false;
        });

        var healthy = stats.GetProperty("sinks").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "memory-sink");
        Assert.Equal("stream", healthy.GetProperty("kind").GetString());
        Assert.Equal(0, healthy.GetProperty("failures").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, healthy.GetProperty("lastError").ValueKind);
    }
}
