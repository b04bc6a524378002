namespace CodeSight.Engine.Replay;

/// <summary>A strict replay met a malformed line.</summary>
public sealed class ReplayFormatException : FormatException
{
    /// <summary>Creates the exception for a line and field.</summary>
    public ReplayFormatException(long lineNumber, string field, string reason, Exception? innerException = null)
        : base($"Line {lineNumber}, field '{field}': {reason}", innerException)
    {
        LineNumber = lineNumber;
        Field = field;
        Reason = reason;
    }

    /// <summary>The 1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>The record field that was wrong, or <c>(json)</c>.</summary>
    public string Field { get; }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}
