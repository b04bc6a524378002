using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CodeSight.Server.Tests.Support;

/// <summary>A protocol client over a real <see cref="ClientWebSocket"/> that reads whole JSON messages with a deadline.</summary>
public sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultWait);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsClient(socket);
    }

    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json));

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(DefaultWait);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }

        using var document = JsonDocument.Parse(message.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Reads until a message of <paramref name="type"/> that meets <paramref name="condition"/> arrives; fails on close or timeout.</summary>
    public async Task<JsonElement> ExpectAsync(string type, Func<JsonElement, bool>? condition = null, TimeSpan? wait = null) =>
        (await ExpectAllAsync(wait ?? DefaultWait, [(type, condition)]))[0];

    /// <summary>
    /// Reads until a message matching each of <paramref name="wanted"/> has arrived, in any order (an ingest's ack and
    /// the live items it causes race each other), and returns them in the order asked; fails on close or timeout.
    /// </summary>
    public Task<JsonElement[]> ExpectEachAsync(params (string Type, Func<JsonElement, bool>? Condition)[] wanted) =>
        ExpectAllAsync(DefaultWait, wanted);

    private async Task<JsonElement[]> ExpectAllAsync(TimeSpan wait, (string Type, Func<JsonElement, bool>? Condition)[] wanted)
    {
        var deadline = DateTime.UtcNow + wait;
        var found = new JsonElement?[wanted.Length];
        var seen = new List<string>();
        while (found.Any(f => f is null))
        {
            var missing = string.Join("', '", wanted.Where((_, i) => found[i] is null).Select(w => w.Type));
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No '{missing}' message arrived in time; saw: {string.Join(", ", seen.TakeLast(20))}.");
            JsonElement? message;
            try
            {
                message = await ReceiveAsync(left);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{missing}' message arrived in time; saw: {string.Join(", ", seen.TakeLast(20))}.");
            }

            if (message is not { } m) throw new InvalidOperationException($"The server closed the connection ({_socket.CloseStatus}: {_socket.CloseStatusDescription}) before a '{missing}' message.");
            var got = m.GetProperty("type").GetString()!;
            seen.Add(got);
            for (var i = 0; i < wanted.Length; i++)
            {
                if (found[i] is null && got == wanted[i].Type && (wanted[i].Condition is null || wanted[i].Condition!(m)))
                {
                    found[i] = m;
                    break;
                }
            }
        }

        return found.Select(f => f!.Value).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The server may already have gone.
        }

        _socket.Dispose();
    }
}
