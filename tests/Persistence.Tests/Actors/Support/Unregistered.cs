namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>An event type no serializer knows: persisting it is rejected.</summary>
public sealed record Unregistered(int Value);
