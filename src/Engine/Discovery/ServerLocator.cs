using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CodeSight.Engine.Discovery;

/// <summary>
/// Zero-config discovery of a running CodeSight server, for clients (<c>codesight tail</c>) and for hosts that
/// forward to a server when there is one (<see cref="Forwarding.ServerForwarding"/>). Looks, in order, at
/// <c>CODESIGHT_URL</c>; the discovery files that <c>codesight serve</c> writes (the newest whose process is alive;
/// stale ones are skipped and named in the notes); the default port on 127.0.0.1 if something accepts a connection
/// there; else answers <see cref="ServerSource.None"/>. The token comes from the discovery file or
/// <c>CODESIGHT_TOKEN</c>.
/// </summary>
public static class ServerLocator
{
    /// <summary>Finds the server; never throws for what it finds, it says so in <see cref="ServerLocation.Notes"/>.</summary>
    /// <param name="options">What to read; default the real environment.</param>
    /// <param name="cancellationToken">Cancels the probe of the default port.</param>
    public static async Task<ServerLocation> LocateAsync(ServerLocatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ServerLocatorOptions();
        var notes = new List<string>();
        var envToken = NonEmpty(options.Environment(ServerLocatorOptions.TokenVariable));

        if (NonEmpty(options.Environment(ServerLocatorOptions.UrlVariable)) is { } text)
        {
            if (ParseUrl(text) is { } url)
            {
                notes.Add($"{ServerLocatorOptions.UrlVariable} names {url}.");
                return new ServerLocation(ServerSource.Environment, url, envToken, notes);
            }

            // An explicit setting that cannot be used is an error to report, not a reason to go elsewhere.
            notes.Add($"{ServerLocatorOptions.UrlVariable} is '{text}', which is not an http, https, ws or wss URL; fix or unset it.");
            return new ServerLocation(ServerSource.None, null, null, notes);
        }

        notes.Add($"{ServerLocatorOptions.UrlVariable} is not set.");
        var directory = options.DiscoveryDirectory ?? DiscoveryFolder.Path();
        if (FromDiscoveryFiles(directory, options, notes) is { } found)
        {
            return found with { Token = found.Token ?? envToken };
        }

        if (options.DefaultPort is > 0 and <= 65535)
        {
            if (await AnswersAsync(options.DefaultPort, options.ProbeTimeout, cancellationToken).ConfigureAwait(false))
            {
                notes.Add($"something answers on 127.0.0.1:{options.DefaultPort}.");
                return new ServerLocation(ServerSource.DefaultPort, new Uri($"http://127.0.0.1:{options.DefaultPort}/"), envToken, notes);
            }

            notes.Add($"Nothing answers on 127.0.0.1:{options.DefaultPort}.");
        }

        return new ServerLocation(ServerSource.None, null, null, notes);
    }

    /// <summary>The protocol endpoint <c>/ws</c> under a server's base URL, with the ws or wss scheme.</summary>
    public static Uri WebSocketOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new UriBuilder(new Uri(url, "ws")) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>
    /// A server's base URL from what a person typed: <c>http://host:port/</c>, <c>ws://host:port/ws</c> (the
    /// WebSocket endpoint is mapped back to its server) or <c>host:port</c>; null when it is none of these.
    /// </summary>
    public static Uri? ParseUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "http://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
        var scheme = uri.Scheme switch
        {
            "http" or "ws" => Uri.UriSchemeHttp,
            "https" or "wss" => Uri.UriSchemeHttps,
            _ => null,
        };
        if (scheme is null) return null;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/ws", StringComparison.Ordinal)) path = path[..^3];
        return new UriBuilder(scheme, uri.Host, uri.Port, path + "/").Uri;
    }

    /// <summary>Whether process <paramref name="pid"/> is running on this machine.</summary>
    public static bool ProcessIsAlive(int pid)
    {
        if (pid <= 0) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // it exited while we looked
        }
    }

    private static ServerLocation? FromDiscoveryFiles(string directory, ServerLocatorOptions options, List<string> notes)
    {
        if (!Directory.Exists(directory))
        {
            notes.Add($"No discovery folder at {directory}.");
            return null;
        }

        var files = Directory.GetFiles(directory, DiscoveryFolder.FilePrefix + "*.json")
            .Select(path => new FileInfo(path))
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ToList();
        if (files.Count == 0)
        {
            notes.Add($"No discovery file in {directory}.");
            return null;
        }

        foreach (var file in files)
        {
            if (Read(file.FullName, notes) is not { } entry) continue;
            if (!options.IsProcessAlive(entry.Pid))
            {
                notes.Add($"Ignored the stale discovery file {file.FullName}: its process {entry.Pid} is not running.");
                continue;
            }

            notes.Add($"The discovery file {file.FullName} names {entry.Url} (pid {entry.Pid}).");
            return new ServerLocation(ServerSource.DiscoveryFile, entry.Url, entry.Token, notes);
        }

        notes.Add($"No live server among the discovery files in {directory}.");
        return null;
    }

    private static (int Pid, Uri Url, string? Token)? Read(string path, List<string> notes)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("pid", out var pid) || !pid.TryGetInt32(out var pidValue)
                || !root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                || ParseUrl(url.GetString()!) is not { } uri)
            {
                notes.Add($"Ignored the discovery file {path}: it lacks a numeric pid or an http url.");
                return null;
            }

            var token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? NonEmpty(t.GetString()) : null;
            return (pidValue, uri, token);
        }
        catch (JsonException e)
        {
            notes.Add($"Ignored the discovery file {path}: not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"Ignored the discovery file {path}: cannot read it ({e.Message}).");
            return null;
        }
    }

    private static async Task<bool> AnswersAsync(int port, TimeSpan timeout, CancellationToken cancel)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            return false;
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
