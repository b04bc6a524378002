namespace CodeSight.Hosting;

/// <summary>The sink part of <see cref="CodeSightOptions"/>; null properties keep the HOCON settings.</summary>
public sealed class CodeSightSinkOptions
{
    /// <summary>Whether the console sink runs (<c>codesight.engine.sinks.console.enabled</c>).</summary>
    public bool? Console { get; set; }

    /// <summary>Whether the NDJSON file sink runs (<c>codesight.engine.sinks.file.enabled</c>).</summary>
    public bool? File { get; set; }

    /// <summary>The NDJSON file's path (<c>codesight.engine.sinks.file.path</c>).</summary>
    public string? FilePath { get; set; }
}
