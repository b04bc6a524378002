namespace CodeSight.Actors.Routing;

/// <summary>Removes a routee from a router.</summary>
/// <param name="Routee">The routee.</param>
public sealed record RemoveRoutee(Routee Routee);
