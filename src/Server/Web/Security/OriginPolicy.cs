namespace CodeSight.Server.Web.Security;

/// <summary>
/// Decides whether a browser may open the WebSocket. Browsers send <c>Origin</c> on every WebSocket handshake, and
/// a page anywhere on the web can try to reach 127.0.0.1, so the origin must be this server's own or one configured.
/// The <c>Host</c> header is checked too: with DNS rebinding an attacker's page can be same-origin with a name that
/// resolves to 127.0.0.1, but then its Host is the attacker's name, not a loopback one. Clients that are not browsers
/// send no Origin and are let through (the token still guards what they may do).
/// </summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly bool _loopback;

    public OriginPolicy(IEnumerable<string> configured, bool loopback)
    {
        _allowed = new HashSet<string>(configured.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _loopback = loopback;
    }

    /// <summary>Null when the handshake may proceed; otherwise why not.</summary>
    public string? Refusal(string? origin, string? host, int port)
    {
        if (_loopback && !IsLoopbackHost(host, port)) return $"the Host header '{host}' is not a loopback name for port {port}";
        if (string.IsNullOrEmpty(origin)) return null;
        var normalized = Normalize(origin);
        if (_allowed.Contains(normalized)) return null;
        if (host is not null && string.Equals(normalized, "http://" + host, StringComparison.OrdinalIgnoreCase)
            && (!_loopback || IsLoopbackHost(host, port)))
        {
            return null;
        }

        return $"the origin '{origin}' is not allowed (allowed: this server's own origin{(_allowed.Count > 0 ? ", " + string.Join(", ", _allowed) : "")})";
    }

    private static bool IsLoopbackHost(string? host, int port)
    {
        if (host is null) return false;
        foreach (var name in (ReadOnlySpan<string>)["127.0.0.1", "localhost", "[::1]"])
        {
            if (string.Equals(host, $"{name}:{port}", StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private static string Normalize(string origin) => origin.TrimEnd('/');
}
