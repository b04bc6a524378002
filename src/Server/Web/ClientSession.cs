using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Observations;
using CodeSight.Server.Web.Ledger;
using CodeSight.Server.Web.Protocol;
using CodeSight.Server.Web.Security;

namespace CodeSight.Server.Web;

/// <summary>
/// One WebSocket client. Live items go through a bounded queue (<see cref="Offer"/> drops and counts when it is full,
/// so the engine never waits); replies, errors and stats go through a small control queue that the writer drains
/// first, so a client that falls behind is still told how much it lost. A single writer task owns every send.
/// </summary>
internal sealed class ClientSession
{
    // Control messages are rare (replies, one stats per interval); this bound only stops a client that never reads
    // from growing the queue without limit while it sends requests.
    private const int MaxControlMessages = 1024;

    private readonly WebSocket _socket;
    private readonly LiveHub _hub;
    private readonly AccessToken _token;
    private readonly ILedgerView? _ledger;
    private readonly ConcurrentQueue<byte[]> _live = new();
    private readonly ConcurrentQueue<object> _control = new();
    private readonly SemaphoreSlim _ready = new(0);
    private volatile ClientFilter _filter = ClientFilter.All;
    private volatile bool _authorized;
    private int _queued;
    private int _controlQueued;
    private long _sent;
    private long _dropped;

    public ClientSession(WebSocket socket, LiveHub hub, AccessToken token, bool authorized, ILedgerView? ledger)
    {
        _socket = socket;
        _hub = hub;
        _token = token;
        _authorized = authorized;
        _ledger = ledger;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Queued => Volatile.Read(ref _queued);

    // Control messages (replies, stats) waiting to be written.
    public int ControlQueued => Volatile.Read(ref _controlQueued);

    /// <summary>Queues a live item if it passes the filter; drops and counts it when the queue is full. Never blocks.</summary>
    public void Offer(LiveItem item)
    {
        if (!_filter.Matches(item)) return;
        if (Interlocked.Increment(ref _queued) > _hub.Settings.ClientQueue)
        {
            Interlocked.Decrement(ref _queued);
            // The hub's total counts first, so that a reader who takes the client's count before the total never
            // sees the client ahead of the server (stats read them in that order).
            _hub.CountDrop();
            Interlocked.Increment(ref _dropped);
            return;
        }

        _live.Enqueue(item.Json);
        _ready.Release();
    }

    /// <summary>Queues a control message (reply, error, stats); these are never dropped while under their bound.</summary>
    public void Send(byte[] message) => EnqueueControl(message);

    // Queues messages that must reach the client one right after the other (a subscription's ack and its backlog): one
    // control item, so a stats message queued by the hub's timer at the same moment cannot come between them.
    private void SendTogether(params byte[][] messages) => EnqueueControl(messages);

    public async Task RunAsync(byte[] hello, CancellationToken cancel)
    {
        Send(hello);
        Send(_hub.SightState());
        Send(_hub.Backlog(_filter));
        _hub.Register(this);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var writer = Task.Run(() => WriteAsync(stop.Token), CancellationToken.None);
        try
        {
            await ReadAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer vanished or the server is stopping: nothing to tell anyone.
        }
        finally
        {
            _hub.Unregister(this);
            EnqueueControl(CloseFrame.Normal);
            try
            {
                await writer.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or WebSocketException or OperationCanceledException)
            {
                // A peer that stopped reading cannot be closed politely.
            }

            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private void EnqueueControl(object message)
    {
        if (Interlocked.Increment(ref _controlQueued) > MaxControlMessages && message is not CloseFrame)
        {
            Interlocked.Decrement(ref _controlQueued);
            // The hub's total first, as in Offer.
            var messages = message is byte[][] together ? together.Length : 1;
            _hub.CountDrop(messages);
            Interlocked.Add(ref _dropped, messages);
            return;
        }

        _control.Enqueue(message);
        _ready.Release();
    }

    private async Task WriteAsync(CancellationToken cancel)
    {
        while (true)
        {
            await _ready.WaitAsync(cancel).ConfigureAwait(false);
            if (_control.TryDequeue(out var control))
            {
                Interlocked.Decrement(ref _controlQueued);
                if (control is CloseFrame close)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(close.Status, close.Reason, cancel).ConfigureAwait(false);
                    }

                    return;
                }

                if (control is byte[][] together)
                {
                    foreach (var message in together) await SendAsync(message, cancel).ConfigureAwait(false);
                    continue;
                }

                await SendAsync((byte[])control, cancel).ConfigureAwait(false);
            }
            else if (_live.TryDequeue(out var live))
            {
                Interlocked.Decrement(ref _queued);
                await SendAsync(live, cancel).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken cancel)
    {
        if (_socket.State != WebSocketState.Open) return;
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
    }

    private async Task ReadAsync(CancellationToken cancel)
    {
        var limit = _hub.Settings.MaxMessageBytes;
        var chunk = new byte[8192];
        var message = new ArrayBufferWriter<byte>(8192);
        var binary = false;
        while (_socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(chunk, cancel).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return;
            if (result.MessageType == WebSocketMessageType.Binary) binary = true;
            if (message.WrittenCount + result.Count > limit)
            {
                Send(WireWriter.Error(null, "too_big", null, $"the message is longer than the limit of {limit} bytes (codesight.server.max-message-size); closing."));
                EnqueueControl(new CloseFrame(WebSocketCloseStatus.MessageTooBig, $"message over {limit} bytes"));
                return;
            }

            message.Write(chunk.AsSpan(0, result.Count));
            if (!result.EndOfMessage) continue;
            if (binary) Send(WireWriter.Error(null, "binary_message", null, "binary messages are not part of protocol v1; send JSON text."));
            else await HandleAsync(message.WrittenMemory, cancel).ConfigureAwait(false);
            message.ResetWrittenCount();
            binary = false;
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> text, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            Send(WireWriter.Error(null, "malformed_json", null,
                $"the message is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}"));
            return;
        }

        using (document)
        {
            string? id = null;
            try
            {
                var message = new JsonFields(document.RootElement, "");
                id = message.Optional("id") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } raw
                    ? raw.ValueKind == JsonValueKind.String ? raw.GetString() : raw.GetRawText()
                    : null;
                await DispatchAsync(message, id, cancel).ConfigureAwait(false);
            }
            catch (ProtocolException e)
            {
                Send(WireWriter.Error(id, e.Code, e.Field, e.Message));
            }
        }
    }

    private async Task DispatchAsync(JsonFields message, string? id, CancellationToken cancel)
    {
        var type = message.RequiredString("type");
        switch (type)
        {
            case "ping":
                Send(WireWriter.Write(w =>
                {
                    w.WriteString("type"u8, "pong"u8);
                    if (id is not null) w.WriteString("id"u8, id);
                }));
                break;
            case "auth":
                if (!_token.Matches(message.RequiredString("token"))) throw new ProtocolException("bad_token", "token", "is not this server's token.");
                _authorized = true;
                Send(WireWriter.Ack(id, "auth"));
                break;
            case "subscribe":
                _filter = Filter(message.OptionalObject("filter"));
                SendTogether(WireWriter.Ack(id, "subscribe"), _hub.Backlog(_filter));
                break;
            case "command":
                RequireToken("command");
                var command = SightCommands.Execute(message, _hub.Sight);
                _hub.CountCommand();
                Send(WireWriter.Ack(id, "command", w => w.WriteString("command"u8, command)));
                _hub.BroadcastSight();
                break;
            case "ingest":
                RequireToken("ingest");
                Ingest(message, id);
                break;
            case "ledger":
                await LedgerAsync(message, id, cancel).ConfigureAwait(false);
                break;
            default:
                throw new ProtocolException("unknown_type", "type", $"\"{type}\" is not a message type of protocol v1; expected ping, auth, subscribe, command, ingest or ledger.");
        }
    }

    private void Ingest(JsonFields message, string? id)
    {
        IReadOnlyList<object> items;
        try
        {
            items = IngestDecoder.Decode(message);
        }
        catch (ProtocolException)
        {
            _hub.CountIngestRejected();
            throw;
        }

        var engine = _hub.Engine;
        int accepted = 0, skipped = 0;
        foreach (var item in items)
        {
            if (item is Observation observation)
            {
                // Ingested observations obey the same run-time switches as the host's own.
                if (!_hub.Sight.IsEnabled(observation.SightPoint))
                {
                    skipped++;
                    continue;
                }

                engine.System.EventStream.Publish(observation);
            }
            else
            {
                engine.Router.Tell(item, null);
            }

            accepted++;
        }

        _hub.CountIngested(accepted);
        Send(WireWriter.Ack(id, "ingest", w =>
        {
            w.WriteNumber("accepted"u8, accepted);
            w.WriteNumber("skipped"u8, skipped);
        }));
    }

    private async Task LedgerAsync(JsonFields message, string? id, CancellationToken cancel)
    {
        var action = message.RequiredString("action");
        if (_ledger is null) throw new ProtocolException("no_ledger", null, "this server has no ledger wired (start the host with a ledger to use the ledger panel).");
        switch (action)
        {
            case "status":
                Send(StateWriter.LedgerStatus(id, await _ledger.StatusAsync(cancel).ConfigureAwait(false)));
                break;
            case "verify":
                RequireToken("ledger verify");
                Send(StateWriter.LedgerCheck(id, await _ledger.VerifyAsync(cancel).ConfigureAwait(false)));
                break;
            default:
                throw new ProtocolException("bad_field", "action", $"\"{action}\" is not a ledger action; expected status or verify.");
        }
    }

    private void RequireToken(string what)
    {
        if (!_authorized) throw new ProtocolException("unauthorized", null, $"{what} needs the server's token: connect with ?token=... or send {{\"type\":\"auth\",\"token\":...}} first.");
    }

    private static ClientFilter Filter(JsonFields? filter)
    {
        if (filter is not { } f) return ClientFilter.All;
        if (!f.OptionalBoolean("live", true)) return ClientFilter.Nothing;
        var kinds = new HashSet<LiveKind>();
        var index = 0;
        foreach (var kind in f.OptionalStrings("kinds"))
        {
            kinds.Add(kind switch
            {
                "signal" => LiveKind.Signal,
                "observation" => LiveKind.Observation,
                "alert" => LiveKind.Alert,
                "trail" => LiveKind.Trail,
                _ => throw new ProtocolException("bad_field", $"{f.PathOf("kinds")}[{index}]", $"\"{kind}\" is not an item kind; expected signal, observation, alert or trail."),
            });
            index++;
        }

        var modalities = new HashSet<string>(StringComparer.Ordinal);
        index = 0;
        foreach (var modality in f.OptionalStrings("modalities"))
        {
            if (!Modalities.TryParse(modality, out _)) throw new ProtocolException("bad_field", $"{f.PathOf("modalities")}[{index}]", $"\"{modality}\" is not a modality.");
            modalities.Add(modality);
            index++;
        }

        var trails = new HashSet<Contracts.Ids.TrailId>();
        index = 0;
        foreach (var trail in f.OptionalStrings("trails"))
        {
            if (!Contracts.Ids.TrailId.TryParse(trail, out var trailId)) throw new ProtocolException("bad_field", $"{f.PathOf("trails")}[{index}]", $"\"{trail}\" is not a trail id (32 lowercase hex characters).");
            trails.Add(trailId);
            index++;
        }

        var points = new HashSet<string>(f.OptionalStrings("sightPoints"), StringComparer.Ordinal);
        return new ClientFilter(kinds, modalities, points, trails, f.OptionalString("name"));
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? text[..(end + 1)] : text;
    }

    /// <summary>A request to the writer to close the socket after what is queued before it.</summary>
    private sealed record CloseFrame(WebSocketCloseStatus Status, string Reason)
    {
        public static CloseFrame Normal { get; } = new(WebSocketCloseStatus.NormalClosure, "bye");
    }
}
