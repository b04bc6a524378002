namespace CodeSight.Actors.Configuration;

/// <summary>A string, number, boolean or null, kept as the text it was written with.</summary>
internal sealed class HoconScalar : HoconNode
{
    public HoconScalar(HoconPosition position, string text, HoconScalarKind kind, bool isSeparator = false)
        : base(position)
    {
        Text = text;
        Kind = kind;
        IsSeparator = isSeparator;
    }

    /// <summary>The value's text: for numbers and booleans exactly as written, for strings unescaped.</summary>
    public string Text { get; }

    /// <summary>The value's JSON type.</summary>
    public HoconScalarKind Kind { get; }

    /// <summary>
    /// True for the whitespace kept between the parts of a value concatenation: it joins strings but is dropped
    /// when the parts turn out to be objects or arrays.
    /// </summary>
    public bool IsSeparator { get; }

    public override string Describe() => Kind switch
    {
        HoconScalarKind.Number => "a number",
        HoconScalarKind.Boolean => "a boolean",
        HoconScalarKind.Null => "null",
        _ => "a string",
    };
}
