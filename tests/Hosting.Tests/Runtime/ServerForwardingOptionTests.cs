using CodeSight.Engine.Discovery;
using CodeSight.Engine.Forwarding;
using CodeSight.Hosting.Runtime;
using CodeSight.Hosting.Tests.Support;

namespace CodeSight.Hosting.Tests.Runtime;

/// <summary>
/// <c>codesight.hosting.forward</c>: the runtime looks for a server at start. Forwarding to a real server is tested
/// end to end in the server's tests (ForwardingEndToEndTests); here, the choices a host makes without one.
/// </summary>
public sealed class ServerForwardingOptionTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task ForwardingIsOffUnlessSwitchedOn()
    {
        var runtime = CodeSightRuntime.Start(new CodeSightOptions { SystemName = "forward-off" });
        await using var _ = runtime;

        Assert.False(runtime.Hosting.Forward);
        Assert.Null(runtime.Forwarding);
        Assert.DoesNotContain(runtime.Sinks, sink => sink.Path.Name == ServerForwardingSink.ActorName);
    }

    [Fact]
    public async Task WithNoServerToFindTheHostRecordsEmbeddedAndTheChoiceSaysWhy()
    {
        var runtime = CodeSightRuntime.Start(new CodeSightOptions
        {
            SystemName = "forward-none",
            ForwardToServer = true,
            ServerLocator = new ServerLocatorOptions { Environment = _ => null, DiscoveryDirectory = _scratch.Root, DefaultPort = 0 },
        });
        await using var _ = runtime;

        Assert.True(runtime.Hosting.Forward);
        var choice = runtime.Forwarding!;
        Assert.False(choice.Forwarding);
        Assert.Null(choice.Sink);
        Assert.Equal(ServerSource.None, choice.Location.Source);
        Assert.Contains($"{ServerLocatorOptions.UrlVariable} is not set.", choice.Location.Notes);
        Assert.DoesNotContain(runtime.Sinks, sink => sink.Path.Name == ServerForwardingSink.ActorName);

        using (var root = runtime.Recorder.OpenTrail("embedded lap"))
        {
            Assert.True(root.IsRecording);
        }

        var report = await runtime.StopAsync();
        Assert.True(report.IsClean, string.Join(" ", report.Problems));
    }

    [Fact]
    public async Task AServerNamedButUnreachableIsForwardedToInTheBackgroundWhileTheHostRecordsOn()
    {
        // CODESIGHT_URL names a port nothing listens on: the forwarder starts, fails to connect, and counts what it
        // cannot send; the host's own recording is never held up.
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var runtime = CodeSightRuntime.Start(new CodeSightOptions
        {
            SystemName = "forward-unreachable",
            ForwardToServer = true,
            ServerLocator = new ServerLocatorOptions { Environment = name => name == ServerLocatorOptions.UrlVariable ? $"http://127.0.0.1:{port}/" : null },
            Settings = { ["codesight.engine.forward.drain-timeout"] = "100ms", ["codesight.engine.forward.min-backoff"] = "20ms" },
        });
        await using var _ = runtime;

        var choice = runtime.Forwarding!;
        Assert.True(choice.Forwarding);
        Assert.Equal(ServerSource.Environment, choice.Location.Source);
        Assert.Contains(choice.Sink!, runtime.Sinks);
        using (runtime.Recorder.OpenTrail("offline lap")) { }

        var counters = choice.Counters!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (counters.Queued + counters.DroppedQueueFull < 2 || counters.ConnectFailures < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"forwarder: {counters} ({counters.LastError})");
            await Task.Delay(10);
        }

        Assert.False(counters.Connected);
        Assert.Contains($"cannot connect to ws://127.0.0.1:{port}/ws", counters.LastError);
        var report = await runtime.StopAsync();
        Assert.True(report.Terminated);
    }
}
