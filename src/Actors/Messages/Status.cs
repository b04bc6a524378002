namespace CodeSight.Actors;

/// <summary>Outcome messages, used by <c>PipeTo</c> and understood by <c>Ask</c>.</summary>
public static class Status
{
    /// <summary>A successful outcome carrying an optional value.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Success(object? Value);

    /// <summary>A failed outcome; an <c>Ask</c> that receives it fails with <paramref name="Cause"/>.</summary>
    /// <param name="Cause">What went wrong.</param>
    public sealed record Failure(Exception Cause);
}
