namespace CodeSight.Actors.Routing;

/// <summary>Adds a routee to a router (a group router watches it).</summary>
/// <param name="Routee">The routee.</param>
public sealed record AddRoutee(Routee Routee);
