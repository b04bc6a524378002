using System.Net;
using CodeSight.Actors;
using CodeSight.Engine;
using CodeSight.Server.Web.Ledger;
using CodeSight.Server.Web.Protocol;
using CodeSight.Server.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeSight.Server.Web;

/// <summary>
/// The live server: the dashboard at <c>/</c> and protocol v1 (docs/protocol.md) at <c>/ws</c>, streaming what the
/// engine publishes and taking commands and ingest from clients that show the token. Start it with
/// <see cref="StartAsync"/>, stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LiveHub _hub;
    private readonly IActorRef _bridge;
    private readonly CodeSightEngine _engine;
    private readonly DiscoveryFile? _discovery;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private DashboardServer(WebApplication app, LiveHub hub, IActorRef bridge, CodeSightEngine engine, AccessToken token, Uri url, DiscoveryFile? discovery)
    {
        _app = app;
        _hub = hub;
        _bridge = bridge;
        _engine = engine;
        Token = token.Value;
        Url = url;
        _discovery = discovery;
    }

    /// <summary>The dashboard's URL with the real port, such as <c>http://127.0.0.1:8765/</c> (no token in it).</summary>
    public Uri Url { get; }

    /// <summary>The WebSocket endpoint, such as <c>ws://127.0.0.1:8765/ws</c>.</summary>
    public Uri WebSocketUrl => new(Url.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws");

    /// <summary>The dashboard's URL carrying the token, which lets the page send commands; print it only to the owner.</summary>
    public Uri UrlWithToken => new(Url + "?token=" + Uri.EscapeDataString(Token));

    /// <summary>The port actually bound.</summary>
    public int Port => Url.Port;

    /// <summary>The token required for ingest and commands (and for everything off loopback).</summary>
    public string Token { get; }

    /// <summary>Where the discovery file was written, or null when it is turned off.</summary>
    public string? DiscoveryPath => _discovery?.Path;

    /// <summary>Messages dropped for slow clients since start.</summary>
    public long DroppedForSlowClients => _hub.Dropped;

    internal LiveHub Hub => _hub;

    /// <summary>Binds, starts streaming <paramref name="engine"/>'s events and writes the discovery file.</summary>
    /// <param name="engine">The engine whose signals, observations and alerts are streamed and whose instrumentation commands change.</param>
    /// <param name="settings">Where to bind and the limits; <see cref="ServerSettings.FromConfig"/> reads them from configuration.</param>
    /// <param name="ledger">The ledger the dashboard's panel shows and verifies, or null when the host has none.</param>
    /// <param name="cancellationToken">Cancels binding.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names the setting.</exception>
    /// <exception cref="IOException">The address or port cannot be bound.</exception>
    public static async Task<DashboardServer> StartAsync(CodeSightEngine engine, ServerSettings settings, ILedgerView? ledger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem) throw new ArgumentException("Server settings: " + problem, nameof(settings));
        var address = ServerSettings.ParseHost(settings.Host)!;
        var loopback = IPAddress.IsLoopback(address);
        var token = string.IsNullOrEmpty(settings.Token) ? AccessToken.Generate() : new AccessToken(settings.Token);
        var origins = new OriginPolicy(settings.AllowedOrigins, loopback);
        var assets = DashboardAssets.Load();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, settings.Port);
        });
        var app = builder.Build();
        var hub = new LiveHub(engine, settings);
        var startedAt = engine.Clock.NowMicros();
        DashboardServer? server = null;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            // The page URL may carry the token: never let it leak to another site in a Referer header.
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                await context.Response.WriteAsync("This endpoint speaks CodeSight protocol v1 over WebSocket (docs/protocol.md).");
                return;
            }

            var port = server?.Port ?? 0;
            if (origins.Refusal(context.Request.Headers.Origin, context.Request.Host.Value, port) is { } refusal)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Refused: " + refusal + ".");
                return;
            }

            var authorized = token.Matches(TokenOf(context.Request));
            if (!loopback && !authorized)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("This server is not on loopback: every connection needs its token (?token=... or Authorization: Bearer ...).");
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, server!._stopping.Token);
            var session = new ClientSession(socket, hub, token, authorized, ledger);
            await session.RunAsync(StateWriter.Hello(Environment.MachineName, startedAt, authorized, !loopback, ledger is not null), stop.Token);
        });
        app.MapGet("/{**path}", (HttpContext context) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (!assets.TryGet(path, out var bytes, out var contentType)) return Results.NotFound();
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            return Results.Bytes(bytes, contentType);
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await hub.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"Cannot listen on {settings.Host}:{settings.Port}: {e.Message}", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(new Uri(bound.Replace("[::]", "[::1]", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), "/");
        var bridge = engine.System.ActorOf(Props.Create(() => new EventBridgeActor(hub, engine.Sight)), "codesight-server-" + url.Port);
        EventBridgeActor.Subscribe(engine.System.EventStream, bridge);
        var discovery = settings.DiscoveryFile ? DiscoveryFile.Write(url.ToString(), url.Port, token.Value) : null;
        server = new DashboardServer(app, hub, bridge, engine, token, url, discovery);
        return server;
    }

    /// <summary>Closes every connection, stops listening, unsubscribes from the engine and deletes the discovery file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _engine.System.Stop(_bridge);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _discovery?.Dispose();
        _stopping.Dispose();
    }

    private static string? TokenOf(HttpRequest request)
    {
        if (request.Query.TryGetValue("token", out var query) && query.Count > 0) return query[0];
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
