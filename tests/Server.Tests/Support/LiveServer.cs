using System.Net;
using System.Net.Sockets;
using CodeSight.Actors;
using CodeSight.Engine;
using CodeSight.Server.Web;

namespace CodeSight.Server.Tests.Support;

/// <summary>An actor system, an engine and a live server on 127.0.0.1 at a port of its choosing, for one test.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private LiveServer(ActorSystem system, CodeSightEngine engine, DashboardServer server)
    {
        System = system;
        Engine = engine;
        Server = server;
    }

    public ActorSystem System { get; }

    public CodeSightEngine Engine { get; }

    public DashboardServer Server { get; }

    public Uri Ws => Server.WebSocketUrl;

    public static async Task<LiveServer> StartAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var system = ActorSystem.Create("server-tests");
        var engine = CodeSightEngine.Start(system);
        var settings = new ServerSettings { Port = 0, DiscoveryFile = false, StatsInterval = TimeSpan.FromMilliseconds(100) };
        var server = await DashboardServer.StartAsync(engine, configure?.Invoke(settings) ?? settings);
        return new LiveServer(system, engine, server);
    }

    /// <summary>A client that has read hello, the sight state and the backlog.</summary>
    public async Task<WsClient> ConnectAsync(bool withToken = false)
    {
        var client = await WsClient.ConnectAsync(withToken ? new Uri(Ws + "?token=" + Server.Token) : Ws);
        await client.ExpectAsync("hello");
        await client.ExpectAsync("sight");
        await client.ExpectAsync("backlog");
        return client;
    }

    /// <summary>A port on 127.0.0.1 that was free a moment ago and has nothing listening on it now.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await System.Terminate();
        System.Dispose();
    }
}
