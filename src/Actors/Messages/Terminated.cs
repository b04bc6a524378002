namespace CodeSight.Actors;

/// <summary>
/// Delivered to a watcher when an actor it watches has stopped — also when the actor was already dead at the time
/// of <c>Watch</c>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was never known to exist (e.g. a bad reference).</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);
