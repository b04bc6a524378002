namespace CodeSight.Actors.Configuration;

/// <summary>A <c>${path}</c> or <c>${?path}</c> reference, replaced by the value at that path on resolution.</summary>
internal sealed class HoconSubstitution : HoconNode
{
    public HoconSubstitution(
        HoconPosition position, IReadOnlyList<string> path, bool optional, IReadOnlyList<string>? asWritten = null)
        : base(position)
    {
        Path = path;
        Optional = optional;
        AsWritten = asWritten ?? path;
    }

    /// <summary>The path's segments, from the root of the whole configuration.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>
    /// The path as written in its file. It differs from <see cref="Path"/> in a file included inside an object:
    /// HOCON fixes <c>${x}</c> up to <c>${a.x}</c> when the include sits at <c>a</c>. When the fixed-up path is
    /// absent, resolution tries this one, so that included files can also refer to absolute paths.
    /// </summary>
    public IReadOnlyList<string> AsWritten { get; }

    /// <summary>True for <c>${?path}</c>: a missing value yields nothing rather than an error.</summary>
    public bool Optional { get; }

    public override bool IsPending => true;

    public override string Describe() => "a substitution";

    /// <summary>The substitution as written, e.g. <c>${?a.b}</c>.</summary>
    public override string ToString() => "${" + (Optional ? "?" : "") + HoconPath.Render(Path) + "}";
}
