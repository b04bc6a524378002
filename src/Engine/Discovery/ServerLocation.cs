namespace CodeSight.Engine.Discovery;

/// <summary>
/// The answer of <see cref="ServerLocator"/>: the server's URLs and token and where they came from, or no server,
/// with what was looked at on the way (stale discovery files skipped, an unusable <c>CODESIGHT_URL</c>...).
/// </summary>
/// <param name="Source">Where the server was found; <see cref="ServerSource.None"/> when it was not.</param>
/// <param name="Url">The dashboard's base URL (<c>http://127.0.0.1:8765/</c>), or null when none was found.</param>
/// <param name="Token">The token for ingest and commands, from the discovery file or <c>CODESIGHT_TOKEN</c>; null when neither has one.</param>
/// <param name="Notes">What the search saw, in order, one sentence each: every place looked at and why it was passed over.</param>
public sealed record ServerLocation(ServerSource Source, Uri? Url, string? Token, IReadOnlyList<string> Notes)
{
    /// <summary>Whether a server was found.</summary>
    public bool Found => Source != ServerSource.None && Url is not null;

    /// <summary>The protocol's WebSocket endpoint (<c>ws://127.0.0.1:8765/ws</c>), or null when no server was found.</summary>
    public Uri? WebSocketUrl => Url is null ? null : ServerLocator.WebSocketOf(Url);

    /// <summary>The notes as one line, for an error message or a log event.</summary>
    public string Describe() => string.Join(" ", Notes);
}
