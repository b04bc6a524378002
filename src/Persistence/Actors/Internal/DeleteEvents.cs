using CodeSight.Actors;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Asks the journal to delete a stream's events up to a sequence number.</summary>
internal sealed record DeleteEvents(string PersistenceId, long ToSequenceNr, IActorRef PersistentActor);
