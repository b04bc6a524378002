namespace CodeSight.Actors.Configuration;

/// <summary>Where a piece of HOCON text came from: origin (file path or label), 1-based line and column.</summary>
internal readonly record struct HoconPosition(string Origin, int Line, int Column)
{
    /// <summary>Renders the position as <c>origin:line:column</c>, the prefix of every parse error.</summary>
    public override string ToString() => $"{Origin}:{Line}:{Column}";
}
