namespace CodeSight.Engine.Replay;

/// <summary>How a replay treats malformed lines.</summary>
public sealed class ReplayOptions
{
    /// <summary>Lenient replay without diagnostics.</summary>
    public static ReplayOptions Lenient { get; } = new();

    /// <summary>True to stop at the first malformed line with a <see cref="ReplayFormatException"/>; false (default) to skip it.</summary>
    public bool Strict { get; init; }

    /// <summary>Where to count lines and record skipped ones; null to not keep them.</summary>
    public ReplayDiagnostics? Diagnostics { get; init; }
}
