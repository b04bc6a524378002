using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using CodeSight.Engine.Sinks;

namespace CodeSight.Engine.Forwarding;

/// <summary>
/// The I/O half of <see cref="ServerForwardingSink"/>: a bounded queue of encoded ingest items and one task that
/// connects to the server (reconnecting with exponential backoff), sends the items in batches and reads the
/// server's answers. <see cref="TryEnqueue"/> never waits: the actor (and so the recorder) is never held up by the
/// network, and an item that finds the queue full is dropped and counted.
/// </summary>
internal sealed class ForwardingPump
{
    private static readonly byte[] Subscribe = """{"type":"subscribe","id":"forward","filter":{"live":false}}"""u8.ToArray();

    private readonly Uri _webSocket;
    private readonly string? _token;
    private readonly ForwardingSettings _settings;
    private readonly ForwarderCounters _counters;
    private readonly SinkCounters _sink;
    private readonly Channel<byte[]> _queue;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private long _batches;

    public ForwardingPump(Uri webSocket, string? token, ForwardingSettings settings, ForwarderCounters counters, SinkCounters sink)
    {
        _webSocket = webSocket;
        _token = token;
        _settings = settings;
        _counters = counters;
        _sink = sink;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(settings.Queue)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of waiting
        });
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Queues one encoded item; false (counted as dropped) when the queue is full. Never blocks.</summary>
    public bool TryEnqueue(byte[] item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            _counters.CountQueued();
            return true;
        }

        _counters.CountDroppedQueueFull();
        _sink.CountDropped();
        return false;
    }

    /// <summary>Completes when nothing is queued or awaiting the server's answer, or after <paramref name="timeout"/>.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Polled: idleness spans the queue, the send loop and the reader, and this is only asked at flush or stop.
        while ((_queue.Reader.Count > 0 || !_inFlight.IsEmpty || _counters.Pending > 0) && DateTime.UtcNow < deadline && !_run.IsCompleted)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking items, sends what is queued for up to the drain timeout, then closes; the rest is counted lost.</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await WhenIdleAsync(_settings.DrainTimeout).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run loop ends by cancellation.
        }

        var left = 0;
        while (_queue.Reader.TryRead(out _)) left++;
        Lost(left);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        var backoff = _settings.MinBackoff;
        byte[]? carry = null;
        while (!cancel.IsCancellationRequested)
        {
            ClientWebSocket socket;
            try
            {
                socket = await ConnectAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException || (e is OperationCanceledException && !cancel.IsCancellationRequested))
            {
                Problem($"cannot connect to {_webSocket}: {Describe(e)} (retrying in {backoff.TotalMilliseconds:0} ms)");
                _counters.CountConnectFailure();
                await Task.Delay(backoff, cancel).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(_settings.MaxBackoff.Ticks, backoff.Ticks * 2));
                continue;
            }

            backoff = _settings.MinBackoff;
            _counters.CountConnect();
            using (socket)
            {
                var reader = Task.Run(() => ReadAsync(socket, cancel), CancellationToken.None);
                try
                {
                    carry = await SendLoopAsync(socket, reader, carry, cancel).ConfigureAwait(false);
                    if (carry is null && _queue.Reader.Completion.IsCompleted)
                    {
                        await CloseAsync(socket, reader).ConfigureAwait(false);
                        return;
                    }
                }
                finally
                {
                    _counters.Disconnected();
                    await reader.ConfigureAwait(false);
                    // Whatever the server had not answered when the connection ended may or may not have been taken.
                    foreach (var id in _inFlight.Keys)
                    {
                        if (_inFlight.TryRemove(id, out var items)) Unacknowledged(items);
                    }
                }
            }
        }
    }

    /// <summary>Sends batches until the connection breaks (returning an item read but not sent) or the queue completes.</summary>
    private async Task<byte[]?> SendLoopAsync(ClientWebSocket socket, Task reader, byte[]? carry, CancellationToken cancel)
    {
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            if (carry is null)
            {
                var ready = _queue.Reader.WaitToReadAsync(cancel).AsTask();
                // Also wake when the server goes away while there is nothing to send, so Connected tells the truth.
                if (await Task.WhenAny(ready, reader).ConfigureAwait(false) == reader) return null;
                if (!await ready.ConfigureAwait(false)) return null; // completed and empty
            }

            message.ResetWrittenCount();
            var id = "f" + Interlocked.Increment(ref _batches);
            message.Write("{\"type\":\"ingest\",\"id\":\""u8);
            message.Write(System.Text.Encoding.ASCII.GetBytes(id));
            message.Write("\",\"items\":["u8);
            var count = 0;
            while (count < _settings.Batch)
            {
                var item = carry;
                carry = null;
                if (item is null && !_queue.Reader.TryRead(out item)) break;
                if (message.WrittenCount + item.Length + 3 > _settings.MaxMessageBytes)
                {
                    if (count == 0)
                    {
                        // Alone over the limit: the server would close the connection on it.
                        Problem($"an item of {item.Length} bytes is over codesight.engine.forward.max-message-size ({_settings.MaxMessageBytes} bytes); not sent");
                        _counters.CountInvalid();
                        continue;
                    }

                    carry = item;
                    break;
                }

                if (count > 0) message.Write(","u8);
                message.Write(item);
                count++;
            }

            if (count == 0) continue;
            message.Write("]}"u8);
            _inFlight[id] = count;
            try
            {
                await socket.SendAsync(message.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                Problem($"lost the connection to {_webSocket} while sending {count} items: {Describe(e)}");
                if (_inFlight.TryRemove(id, out _)) Lost(count);
                return carry;
            }

            _counters.CountSent(count);
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancel)
    {
        var socket = new ClientWebSocket();
        if (_token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + _token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_webSocket, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Subscribe, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads the server's answers until the connection ends; acks and errors settle the batches in flight.</summary>
    private async Task ReadAsync(ClientWebSocket socket, CancellationToken cancel)
    {
        var chunk = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(chunk, cancel).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage) continue;
                try
                {
                    Settle(message.WrittenSpan);
                }
                catch (JsonException e)
                {
                    Problem($"the server sent a message that is not JSON: {e.Message}");
                }

                message.ResetWrittenCount();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            if (!cancel.IsCancellationRequested) Problem($"the connection to {_webSocket} broke: {Describe(e)}");
        }
    }

    private void Settle(ReadOnlySpan<byte> json)
    {
        // Only answers to our ingest messages matter; stats and the rest are read past (the server skips live items).
        if (json.IndexOf("\"ack\""u8) < 0 && json.IndexOf("\"error\""u8) < 0) return;
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (type == "error")
        {
            var text = root.TryGetProperty("message", out var m) ? m.GetString() : "(no message)";
            if (id is not null && _inFlight.TryRemove(id, out var items))
            {
                Problem($"the server rejected {items} items: {text}");
                _counters.CountRejected(items);
                _sink.CountErrors(items);
            }
            else
            {
                Problem($"the server answered: {text}");
            }
        }
        else if (type == "ack" && id is not null && _inFlight.TryRemove(id, out var sent))
        {
            var skipped = root.TryGetProperty("skipped", out var s) && s.TryGetInt64(out var n) ? Math.Min(n, sent) : 0;
            _counters.CountAcknowledged(sent - skipped, skipped);
            _sink.CountWritten(sent - skipped);
        }
    }

    private async Task CloseAsync(ClientWebSocket socket, Task reader)
    {
        // Let the server answer the last batches before saying goodbye.
        var deadline = DateTime.UtcNow + _settings.DrainTimeout;
        while (!_inFlight.IsEmpty && !reader.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(10).ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "host stopping", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The server went first: nothing left to close.
        }
    }

    private void Lost(int items)
    {
        if (items == 0) return;
        _counters.CountLost(items);
        _sink.CountErrors(items);
    }

    private void Unacknowledged(int items)
    {
        _counters.CountUnacknowledged(items);
        _sink.CountErrors(items);
    }

    // Called before the count that goes with the problem, so a reader that sees the count also sees the description.
    private void Problem(string description)
    {
        _counters.NoteError(description);
        _sink.NoteError(description);
    }

    private static string Describe(Exception e) => e is OperationCanceledException ? "timed out" : e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
}
