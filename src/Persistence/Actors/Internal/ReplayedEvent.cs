using CodeSight.Persistence.Journal;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>One event read back for a recovery, still serialised: the recovering actor decodes it.</summary>
internal sealed record ReplayedEvent(JournalEntry Entry, int InstanceId);
