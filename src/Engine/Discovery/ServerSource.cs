namespace CodeSight.Engine.Discovery;

/// <summary>Where <see cref="ServerLocator"/> found the server, in the order it looks.</summary>
public enum ServerSource
{
    /// <summary>No server was found (or <c>CODESIGHT_URL</c> was unusable): record embedded.</summary>
    None,

    /// <summary>The <c>CODESIGHT_URL</c> environment variable.</summary>
    Environment,

    /// <summary>A discovery file written by <c>codesight serve</c> whose process is alive.</summary>
    DiscoveryFile,

    /// <summary>Something answered on the default port of the loopback address.</summary>
    DefaultPort,
}
