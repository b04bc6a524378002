namespace CodeSight.Actors.Configuration;

/// <summary>The JSON type of a scalar as it was written.</summary>
internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
