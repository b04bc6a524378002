namespace CodeSight.Engine.Sinks;

/// <summary>Where and how a <see cref="FileSink"/> writes; the configured values come from <c>codesight.engine.sinks.file</c>.</summary>
public sealed record FileSinkOptions
{
    /// <summary>Options for the file at <paramref name="path"/>, with the reference defaults for the rest.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public FileSinkOptions(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The current file; rotated files are numbered before the extension.</summary>
    public string Path { get; init; }

    /// <summary>The size a file may reach before rotation; default 64 MiB.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files kept, the current one included; default 5.</summary>
    public int Keep { get; init; } = 5;

    /// <summary>When written records are flushed; default every 100 records or 1 s.</summary>
    public FlushPolicy Flush { get; init; } = new(100, TimeSpan.FromSeconds(1));
}
