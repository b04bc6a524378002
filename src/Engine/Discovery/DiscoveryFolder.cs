namespace CodeSight.Engine.Discovery;

/// <summary>
/// The folder where running servers leave their discovery files (<c>server-PID.json</c>):
/// <c>$XDG_RUNTIME_DIR/codesight</c>, or <c>TEMP/codesight-USER</c> when there is no runtime directory. The server
/// writes there and every client (<see cref="ServerLocator"/>) reads there, so both ask this one type.
/// </summary>
public static class DiscoveryFolder
{
    /// <summary>The file name prefix of a discovery file; the pid and <c>.json</c> follow.</summary>
    public const string FilePrefix = "server-";

    /// <summary>The folder for the current user.</summary>
    public static string Path()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return string.IsNullOrEmpty(runtime) || !Directory.Exists(runtime)
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "codesight-" + Environment.UserName)
            : System.IO.Path.Combine(runtime, "codesight");
    }
}
