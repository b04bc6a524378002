using System.Collections.Frozen;

namespace CodeSight.Server.Web;

/// <summary>The dashboard's static files, embedded in the assembly as <c>Dashboard/&lt;file&gt;</c> and read once.</summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "Dashboard/";

    private readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> _files;

    private DashboardAssets(FrozenDictionary<string, (byte[], string)> files) => _files = files;

    public static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[Prefix.Length..];
            files["/" + file] = (copy.ToArray(), ContentType(file));
        }

        if (!files.ContainsKey("/index.html")) throw new InvalidOperationException("The dashboard's index.html is not embedded in the assembly; the build is broken.");
        return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at a request path (<c>/</c> is <c>/index.html</c>).</summary>
    public bool TryGet(string path, out byte[] bytes, out string contentType)
    {
        if (_files.TryGetValue(path == "/" ? "/index.html" : path, out var file))
        {
            (bytes, contentType) = file;
            return true;
        }

        bytes = [];
        contentType = "";
        return false;
    }

    private static string ContentType(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
