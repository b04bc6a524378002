namespace CodeSight.Actors.Configuration;

/// <summary>
/// Values written side by side on one line where at least one part is a substitution, an object or an array.
/// Resolution joins strings, merges objects or appends arrays.
/// </summary>
internal sealed class HoconConcatenation : HoconNode
{
    public HoconConcatenation(HoconPosition position, IReadOnlyList<HoconNode> parts) : base(position) => Parts = parts;

    /// <summary>The parts in order, including separator whitespace.</summary>
    public IReadOnlyList<HoconNode> Parts { get; }

    public override bool IsPending => true;

    public override string Describe() => "a concatenation";
}
