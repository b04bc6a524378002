using CodeSight.Actors;
using CodeSight.Persistence.Journal;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>One event of an atomic write: its row (null when the write was rejected) and who the reply goes out as.</summary>
internal sealed record EventWrite(long SequenceNr, IActorRef Sender, JournalWrite? Row);
