using System.Net;
using System.Threading.Channels;
using CodeSight.Otlp.Tests.Proto.Collector;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeSight.Otlp.Tests.Support;

/// <summary>
/// An OTLP/HTTP endpoint on 127.0.0.1 and a free port: POST /v1/traces bodies are decoded with the messages generated
/// from the OTLP .proto files and queued for the test. GET /ping answers "pong", or echoes the request header named by <c>?echo=</c> (for HttpClient calls in bridge tests).
/// While <see cref="Hold"/> is set, exports wait for it before they are answered (a slow collector).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedExport> _received = Channel.CreateUnbounded<ReceivedExport>();
    private int _requests;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>When set, each export waits for this task before it is answered.</summary>
    public Task? Hold { get; set; }

    /// <summary>Export requests that reached the endpoint (decoded or not).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OTLP/gRPC endpoint (HTTP/2 without TLS): TraceService/Export.</summary>
    public Uri GrpcEndpoint { get; private set; } = null!;

    /// <summary>The OTLP/HTTP traces endpoint.</summary>
    public Uri TracesEndpoint => new(BaseAddress, "v1/traces");

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            // gRPC without TLS needs a listener that speaks HTTP/2 only (prior knowledge).
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveAsync);
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", receiver.ReceiveGrpcAsync);
        // Echoes a request header when asked (?echo=traceparent), so a test can see what the client propagated.
        app.MapGet("/ping", (HttpContext context) =>
            context.Request.Query["echo"] is { Count: 1 } echo ? context.Request.Headers[echo.ToString()].ToString() : "pong");
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        receiver.BaseAddress = new Uri(addresses[0].TrimEnd('/') + "/");
        receiver.GrpcEndpoint = new Uri(addresses[1].TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>The next export received, or a failure naming the timeout.</summary>
    public async Task<ReceivedExport> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No OTLP export reached {TracesEndpoint} within {timeout ?? TimeSpan.FromSeconds(10)}.");
        }
    }

    /// <summary>Every export received so far, without waiting.</summary>
    public IReadOnlyList<ReceivedExport> Drain()
    {
        var all = new List<ReceivedExport>();
        while (_received.Reader.TryRead(out var export)) all.Add(export);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Hold is { } hold) await hold;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        await _received.Writer.WriteAsync(new ReceivedExport(request, context.Request.ContentType, headers));
        context.Response.ContentType = "application/x-protobuf";
        await context.Response.Body.WriteAsync(new ExportTraceServiceResponse().ToByteArray());
    }

    // A unary gRPC call: the message behind a 5-byte prefix (compressed flag, big-endian length), and the same
    // framing on the answer, followed by the grpc-status trailer.
    private async Task ReceiveGrpcAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var framed = body.ToArray();
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1, 4));
        var request = ExportTraceServiceRequest.Parser.ParseFrom(framed, 5, length);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        await _received.Writer.WriteAsync(new ReceivedExport(request, context.Request.ContentType, headers));
        context.Response.ContentType = "application/grpc";
        var answer = new ExportTraceServiceResponse().ToByteArray();
        var reply = new byte[5 + answer.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(1, 4), answer.Length);
        answer.CopyTo(reply, 5);
        await context.Response.Body.WriteAsync(reply);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
