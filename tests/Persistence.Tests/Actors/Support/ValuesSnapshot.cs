namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>The snapshot of <see cref="ValuesActor"/>'s list.</summary>
public sealed record ValuesSnapshot(int[] Values);
