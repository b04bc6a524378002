namespace CodeSight.Actors.Routing;

/// <summary>A router's reply to <see cref="GetRoutees"/>.</summary>
/// <param name="Members">The current routees.</param>
public sealed record Routees(IReadOnlyList<Routee> Members);
