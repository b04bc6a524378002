using CodeSight.Actors;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Asks the journal for a stream's events in [from, to], at most <paramref name="Max"/>, then its highest sequence number.</summary>
internal sealed record ReplayEvents(string PersistenceId, long FromSequenceNr, long ToSequenceNr, long Max, IActorRef PersistentActor, int InstanceId);
