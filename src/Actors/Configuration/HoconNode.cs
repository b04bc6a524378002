namespace CodeSight.Actors.Configuration;

/// <summary>
/// A node of a parsed HOCON tree. Resolved trees hold only <see cref="HoconObject"/>, <see cref="HoconArray"/>
/// and <see cref="HoconScalar"/>; unresolved trees may also hold substitutions, concatenations and overrides.
/// </summary>
internal abstract class HoconNode
{
    protected HoconNode(HoconPosition position) => Position = position;

    /// <summary>Where the value starts in its source text.</summary>
    public HoconPosition Position { get; }

    /// <summary>
    /// True for nodes whose value is only known after substitution (a substitution, a concatenation holding
    /// one, or an override waiting on its previous value). Merging treats these specially.
    /// </summary>
    public virtual bool IsPending => false;

    /// <summary>A short name of the node's kind for error messages ("an object", "a string"...).</summary>
    public abstract string Describe();
}
