namespace CodeSight.Engine.Discovery;

/// <summary>
/// What <see cref="ServerLocator"/> reads; the defaults are the real environment, discovery folder and port. Tests
/// replace them to exercise each branch without touching the process's environment.
/// </summary>
public sealed record ServerLocatorOptions
{
    /// <summary>The environment variable naming the server's URL.</summary>
    public const string UrlVariable = "CODESIGHT_URL";

    /// <summary>The environment variable holding the server's token.</summary>
    public const string TokenVariable = "CODESIGHT_TOKEN";

    /// <summary>The port <c>codesight serve</c> binds by default (<c>codesight.server.port</c>).</summary>
    public const int StandardPort = 8765;

    /// <summary>Reads an environment variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The folder of discovery files; default <see cref="DiscoveryFolder.Path"/>.</summary>
    public string? DiscoveryDirectory { get; init; }

    /// <summary>The port tried on 127.0.0.1 when nothing else named a server; 0 skips that step.</summary>
    public int DefaultPort { get; init; } = StandardPort;

    /// <summary>How long the default port may take to accept a connection.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether a process id is running; default asks the operating system.</summary>
    public Func<int, bool> IsProcessAlive { get; init; } = ServerLocator.ProcessIsAlive;
}
