namespace CodeSight.Engine.Replay;

/// <summary>A line replay skipped, and why.</summary>
/// <param name="LineNumber">The 1-based line number in the source.</param>
/// <param name="Field">The record field that was wrong, or <c>(json)</c> when the line was not valid JSON.</param>
/// <param name="Reason">What was wrong.</param>
public sealed record ReplayIssue(long LineNumber, string Field, string Reason);
