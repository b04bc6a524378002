namespace CodeSight.Actors.Configuration;

/// <summary>An ordered list of values.</summary>
internal sealed class HoconArray : HoconNode
{
    public HoconArray(HoconPosition position, IReadOnlyList<HoconNode> items) : base(position) => Items = items;

    /// <summary>The elements in source order.</summary>
    public IReadOnlyList<HoconNode> Items { get; }

    public override string Describe() => "an array";
}
