namespace CodeSight.Engine.Replay;

/// <summary>
/// Counts what a replay read and lists the lines it skipped. Pass one in <see cref="ReplayOptions"/> and read
/// it once the replay finished; it is filled by the single reader and is not meant for concurrent use.
/// </summary>
public sealed class ReplayDiagnostics
{
    private readonly List<ReplayIssue> _issues = [];

    /// <summary>Lines seen, blank ones included.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Lines that held a valid record.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Malformed lines, in order.</summary>
    public IReadOnlyList<ReplayIssue> Issues => _issues;

    /// <summary>How many lines were skipped as malformed.</summary>
    public int SkippedCount => _issues.Count;

    internal void CountLine() => LinesRead++;

    internal void CountRecord() => RecordsRead++;

    internal void Skip(ReplayIssue issue) => _issues.Add(issue);
}
