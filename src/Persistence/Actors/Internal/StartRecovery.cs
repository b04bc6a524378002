namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// Sent by a persistent actor to itself from its constructor: recovery begins on its first turn, leaving
/// PreStart to the subclass. Messages that arrived earlier are stashed until recovery completes.
/// </summary>
internal sealed record StartRecovery(int InstanceId);
