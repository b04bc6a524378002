namespace CodeSight.Actors.Configuration;

/// <summary>
/// Bad configuration: a syntax error, an unresolvable substitution, a missing path or a value of the wrong
/// type. When the problem has a place in a source, the message starts with <c>origin:line:column:</c>.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>
    /// For settings readers in other layers: a value that parsed but is not acceptable. Name the path and the
    /// value in <paramref name="reason"/>.
    /// </summary>
    public ConfigurationException(string reason) : this(reason, null, null) { }

    internal ConfigurationException(string reason, HoconPosition? position = null, Exception? inner = null)
        : base(position is { } p ? $"{p}: {reason}" : reason, inner)
    {
        Reason = reason;
        Origin = position?.Origin;
        Line = position?.Line ?? 0;
        Column = position?.Column ?? 0;
    }

    /// <summary>What was wrong, without the position prefix.</summary>
    public string Reason { get; }

    /// <summary>The file path or label of the text at fault, or null when the error has no source position.</summary>
    public string? Origin { get; }

    /// <summary>The 1-based line at fault, or 0 when the error has no source position.</summary>
    public int Line { get; }

    /// <summary>The 1-based column at fault, or 0 when the error has no source position.</summary>
    public int Column { get; }
}
