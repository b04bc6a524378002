using System.CommandLine;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CodeSight.Engine.Discovery;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight tail</c>: the live console client. Finds the server (<c>--url</c>, else <see cref="ServerLocator"/>:
/// <c>CODESIGHT_URL</c>, the discovery file, the default port), subscribes with the given filters and prints each
/// live item as one line (<see cref="TailFormatter"/>), or with <c>--json</c> every protocol frame as NDJSON, until
/// Ctrl+C or <c>--count</c> items. Messages the server had to drop for this client are reported as
/// <c>lost N messages</c>. Exit codes: 0 done, 1 the connection was lost, 2 bad usage or no server found.
/// </summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "The server (http://127.0.0.1:8765/ or ws://.../ws); default: CODESIGHT_URL, the discovery file of a running 'codesight serve', then 127.0.0.1:8765." };
        var token = new Option<string?>("--token") { Description = "The server's token (needed off loopback); default: the discovery file's, or CODESIGHT_TOKEN." };
        var kind = new Option<string[]>("--kind") { Description = "Show only these kinds: signal, observation, alert, trail (repeatable)." };
        var modality = new Option<string[]>("--modality") { Description = "Show only observations and alerts of these modalities (repeatable)." };
        var trail = new Option<string[]>("--trail") { Description = "Show only items of these trails, by 32-hex id (repeatable)." };
        var point = new Option<string[]>("--point") { Description = "Show only observations and alerts of these sight points (repeatable)." };
        var name = new Option<string?>("--name") { Description = "Show only items whose probe, root or target name contains this (any case)." };
        var count = new Option<int?>("--count") { Description = "Stop after this many live items; default: until Ctrl+C." };
        var backlog = new Option<int>("--backlog") { Description = "Recent items to print first.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the raw protocol frames as NDJSON." };
        var command = new Command("tail", "Print a running server's live items, one line each.") { url, token, kind, modality, trail, point, name, count, backlog, json };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new TailOptions
            {
                Url = parse.GetValue(url),
                Token = parse.GetValue(token),
                Kinds = parse.GetValue(kind) ?? [],
                Modalities = parse.GetValue(modality) ?? [],
                Trails = parse.GetValue(trail) ?? [],
                Points = parse.GetValue(point) ?? [],
                Name = parse.GetValue(name),
                Count = parse.GetValue(count),
                Backlog = parse.GetValue(backlog),
                Json = parse.GetValue(json),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            Console.CancelKeyPress += OnCancel;
            void OnCancel(object? sender, ConsoleCancelEventArgs e)
            {
                e.Cancel = true; // end the subscription cleanly
                stop.Cancel();
            }

            try
            {
                return await RunAsync(options, Console.Out, Console.Error, null, stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= OnCancel;
            }
        });
        return command;
    }

    /// <summary>Runs the client until <paramref name="cancel"/>, <see cref="TailOptions.Count"/> items or the server goes; returns the exit code.</summary>
    /// <param name="options">What to show.</param>
    /// <param name="output">Where items go.</param>
    /// <param name="errors">Where problems and, with <c>--json</c>, the lost-message notes go.</param>
    /// <param name="locator">How to find the server without <c>--url</c>; default the real environment.</param>
    /// <param name="cancel">Ctrl+C.</param>
    public static async Task<int> RunAsync(TailOptions options, TextWriter output, TextWriter errors, ServerLocatorOptions? locator, CancellationToken cancel)
    {
        if (options.Problem() is { } problem) return await FailAsync(errors, problem);
        ServerLocation location;
        if (options.Url is { } typed)
        {
            if (ServerLocator.ParseUrl(typed) is not { } parsed) return await FailAsync(errors, $"--url: '{typed}' is not an http, https, ws or wss URL.");
            location = new ServerLocation(ServerSource.Environment, parsed, null, [$"--url names {parsed}."]);
        }
        else
        {
            location = await ServerLocator.LocateAsync(locator, cancel);
            if (!location.Found) return await FailAsync(errors, "no server found. " + location.Describe() + " Start one with 'codesight serve' or pass --url.");
        }

        var token = options.Token ?? location.Token ?? (locator?.Environment ?? Environment.GetEnvironmentVariable)(ServerLocatorOptions.TokenVariable);
        using var socket = new ClientWebSocket();
        if (!string.IsNullOrEmpty(token)) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(location.WebSocketUrl!, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            if (cancel.IsCancellationRequested) return Program.Ok;
            return await FailAsync(errors, $"cannot connect to {location.WebSocketUrl}: {(e is OperationCanceledException ? "timed out" : e.Message)}. {location.Describe()}");
        }

        await SendAsync(socket, Subscribe(options), cancel);
        return await ReadAsync(socket, options, output, errors, cancel);
    }

    private static async Task<int> ReadAsync(ClientWebSocket socket, TailOptions options, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        var subscribed = false;
        var shown = 0;
        long lost = 0;
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancel);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await errors.WriteLineAsync($"codesight tail: the server closed the connection ({socket.CloseStatusDescription ?? "no reason given"}).");
                        return Program.VerificationFailed;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                using var document = JsonDocument.Parse(message.ToArray());
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                // Before our subscription is acknowledged, what arrives is the unfiltered greeting: skip it.
                if (!subscribed)
                {
                    if (type == "ack" && root.TryGetProperty("id", out var id) && id.GetString() == "tail") subscribed = true;
                    else if (type == "error") return await FailAsync(errors, "the server refused the subscription: " + root.GetProperty("message").GetString());
                    continue;
                }

                if (options.Json) await output.WriteLineAsync(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                switch (type)
                {
                    case "backlog" when !options.Json:
                        var items = root.GetProperty("items").EnumerateArray().ToList();
                        foreach (var item in items.Skip(Math.Max(0, items.Count - options.Backlog)))
                        {
                            if (TailFormatter.Format(item) is { } line) await output.WriteLineAsync(line);
                        }

                        break;
                    case "stats":
                        var dropped = root.GetProperty("client").GetProperty("dropped").GetInt64();
                        if (dropped > lost)
                        {
                            var note = $"-- lost {dropped - lost} messages (this client fell behind the server; {dropped} in all)";
                            await (options.Json ? errors : output).WriteLineAsync(note);
                            lost = dropped;
                        }

                        break;
                    case "error":
                        await errors.WriteLineAsync("codesight tail: the server says: " + root.GetProperty("message").GetString());
                        break;
                    default:
                        if (!TailFormatter.IsLiveItem(type)) break;
                        if (!options.Json && TailFormatter.Format(root) is { } text) await output.WriteLineAsync(text);
                        if (++shown >= options.Count)
                        {
                            await CloseAsync(socket);
                            return Program.Ok;
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or WebSocketException)
        {
            // Ctrl+C. Cancelling a receive aborts the socket, and a receive begun just after that reports the aborted
            // socket as an invalid state rather than as a cancellation: either way the user stopped it.
            await CloseAsync(socket);
            return Program.Ok;
        }
        catch (WebSocketException e)
        {
            await errors.WriteLineAsync($"codesight tail: lost the connection: {e.Message}");
            return Program.VerificationFailed;
        }
    }

    private static byte[] Subscribe(TailOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "subscribe");
            w.WriteString("id", "tail");
            w.WriteStartObject("filter");
            Strings(w, "kinds", options.Kinds);
            Strings(w, "modalities", options.Modalities);
            Strings(w, "trails", options.Trails);
            Strings(w, "sightPoints", options.Points);
            if (!string.IsNullOrEmpty(options.Name)) w.WriteString("name", options.Name);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static async Task SendAsync(ClientWebSocket socket, byte[] message, CancellationToken cancel) =>
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancel);

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.Open) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "tail done", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The server went first.
        }
    }

    private static async Task<int> FailAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync("codesight tail: " + message);
        return Program.BadUsage;
    }
}
