namespace CodeSight.Persistence.Canonical;

/// <summary>One step of the path to the value being written: a member name, or an array index when the name is null.</summary>
/// <param name="Name">The member name, or <see langword="null"/> for an array element.</param>
/// <param name="Index">The array index; unused for members.</param>
internal readonly record struct JsonPathSegment(string? Name, int Index);
