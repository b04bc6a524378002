using System.Text.Json;
using CodeSight.Engine.Discovery;

namespace CodeSight.Server.Web;

/// <summary>
/// Where a running server tells local tools how to reach it: <c>server-PID.json</c> holding pid, port, url and token,
/// in <c>$XDG_RUNTIME_DIR/codesight</c> (or a per-user folder under the temp directory), readable only by its owner
/// because it holds the token. Deleted when the server stops.
/// </summary>
public sealed class DiscoveryFile : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private DiscoveryFile(string path) => Path = path;

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The folder discovery files go in: <c>$XDG_RUNTIME_DIR/codesight</c>, else <c>TEMP/codesight-USER</c>.</summary>
    public static string Directory() => DiscoveryFolder.Path();

    /// <summary>Writes the file for this process; an existing file of the same pid is replaced.</summary>
    /// <param name="url">The dashboard's URL (without the token).</param>
    /// <param name="port">The port actually bound.</param>
    /// <param name="token">The server's token.</param>
    /// <param name="directory">The folder; <see cref="Directory()"/> when null.</param>
    public static DiscoveryFile Write(string url, int port, string token, string? directory = null)
    {
        directory ??= Directory();
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            // The folder may predate us with looser permissions (another tool, an old version): tighten it.
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }

        var path = System.IO.Path.Combine(directory, $"{DiscoveryFolder.FilePrefix}{Environment.ProcessId}.json");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using (var stream = new FileStream(path, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("protocol", Protocol.StateWriter.ProtocolVersion);
            writer.WriteNumber("pid", Environment.ProcessId);
            writer.WriteNumber("port", port);
            writer.WriteString("url", url);
            writer.WriteString("ws", url.Replace("http://", "ws://", StringComparison.Ordinal) + "ws");
            writer.WriteString("token", token);
            writer.WriteString("startedAt", DateTimeOffset.UtcNow);
            writer.WriteEndObject();
        }

        // UnixCreateMode applies only when the file is created; a replaced file keeps its mode, so set it again.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnlyFile);
        return new DiscoveryFile(path);
    }

    /// <summary>Deletes the file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone or the folder was removed: nothing left to clean.
        }
    }
}
