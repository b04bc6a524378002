namespace CodeSight.Persistence.Canonical;

/// <summary>
/// Raised when a value cannot be written as RFC 8785 canonical JSON: a NaN or infinite number, an integer
/// that a double cannot hold exactly, a lone UTF-16 surrogate, a duplicate member name, an unsupported CLR type,
/// or nesting deeper than <see cref="CanonicalJson.MaxDepth"/>.
/// </summary>
public sealed class CanonicalJsonException : Exception
{
    /// <summary>Creates the exception for the value found at <paramref name="path"/>.</summary>
    /// <param name="path">JSONPath-style location of the offending value, for example <c>$.probes[3].score</c>.</param>
    /// <param name="problem">What is wrong with the value at that location.</param>
    public CanonicalJsonException(string path, string problem)
        : base($"Cannot write canonical JSON at {path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>JSONPath-style location of the offending value (<c>$</c> is the root).</summary>
    public string Path { get; }

    /// <summary>What is wrong with the value, without the location.</summary>
    public string Problem { get; }
}
