namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>The event of <see cref="ValuesActor"/>: a value appended to its list.</summary>
public sealed record Added(int Value);
