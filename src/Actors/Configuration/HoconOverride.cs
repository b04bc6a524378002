namespace CodeSight.Actors.Configuration;

/// <summary>
/// A value set over an earlier value of the same field when the outcome depends on substitution: a
/// <c>${?x}</c> that resolves to nothing keeps <see cref="Previous"/>, an object merges over
/// <see cref="Previous"/> if that resolves to an object, and a self-reference such as <c>a = ${a} b</c>
/// reads <see cref="Previous"/>.
/// </summary>
internal sealed class HoconOverride : HoconNode
{
    public HoconOverride(HoconNode value, HoconNode previous) : base(value.Position)
    {
        Value = value;
        Previous = previous;
    }

    /// <summary>The later value.</summary>
    public HoconNode Value { get; }

    /// <summary>The earlier value it overrides.</summary>
    public HoconNode Previous { get; }

    public override bool IsPending => true;

    public override string Describe() => Value.Describe();
}
