using System.Net;
using CodeSight.Actors.Configuration;

namespace CodeSight.Server.Web;

/// <summary>The live server's settings, read from <c>codesight.server</c> (every key documented in reference.conf).</summary>
public sealed record ServerSettings
{
    /// <summary>The address to bind: an IP address or <c>localhost</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8765;

    /// <summary>The token for ingest and commands; null or empty generates one at start.</summary>
    public string? Token { get; init; }

    /// <summary>Browser origins allowed besides the server's own.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>The largest client message accepted, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>Messages queued per client before newer ones are dropped.</summary>
    public int ClientQueue { get; init; } = 2048;

    /// <summary>Recent signals kept for new clients.</summary>
    public int BacklogSignals { get; init; } = 400;

    /// <summary>Recent observations kept for new clients.</summary>
    public int BacklogObservations { get; init; } = 400;

    /// <summary>Recent alerts kept for new clients.</summary>
    public int BacklogAlerts { get; init; } = 100;

    /// <summary>Recent completed trails kept for new clients.</summary>
    public int BacklogTrails { get; init; } = 100;

    /// <summary>How often each client gets a stats message.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether to write the discovery file.</summary>
    public bool DiscoveryFile { get; init; } = true;

    /// <summary>Reads <c>codesight.server</c>; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public static ServerSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var server = config.GetConfig("codesight.server");
        var token = server.GetString("token", "");
        var settings = new ServerSettings
        {
            Host = server.GetString("host"),
            Port = server.GetInt("port"),
            Token = token.Length == 0 ? null : token,
            AllowedOrigins = server.GetStringList("allowed-origins"),
            MaxMessageBytes = (int)Math.Min(int.MaxValue, server.GetByteSize("max-message-size")),
            ClientQueue = server.GetInt("client-queue"),
            BacklogSignals = server.GetInt("backlog.signals"),
            BacklogObservations = server.GetInt("backlog.observations"),
            BacklogAlerts = server.GetInt("backlog.alerts"),
            BacklogTrails = server.GetInt("backlog.trails"),
            StatsInterval = server.GetTimeSpan("stats-interval"),
            DiscoveryFile = server.GetBoolean("discovery-file"),
        };
        if (settings.Problem() is { } problem) throw new ConfigurationException("codesight.server." + problem);
        return settings;
    }

    /// <summary>What is wrong with these settings, as "key: reason", or null when they are valid.</summary>
    public string? Problem()
    {
        if (ParseHost(Host) is null) return $"host: '{Host}' is neither an IP address nor localhost.";
        if (Port is < 0 or > 65535) return $"port: {Port} is not between 0 and 65535.";
        if (Token is { Length: > 0 and < 16 }) return "token: a configured token must have at least 16 characters.";
        if (MaxMessageBytes < 1024) return $"max-message-size: {MaxMessageBytes} bytes is below the minimum of 1KiB.";
        if (ClientQueue < 1) return $"client-queue: {ClientQueue} must be at least 1.";
        if (BacklogSignals < 0 || BacklogObservations < 0 || BacklogAlerts < 0 || BacklogTrails < 0) return "backlog: sizes cannot be negative.";
        if (StatsInterval < TimeSpan.FromMilliseconds(50)) return $"stats-interval: {StatsInterval} is below the minimum of 50ms.";
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return $"allowed-origins: '{origin}' is not an http or https origin.";
            }
        }

        return null;
    }

    /// <summary>The address <see cref="Host"/> names, or null when it names none.</summary>
    internal static IPAddress? ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : null;
}
