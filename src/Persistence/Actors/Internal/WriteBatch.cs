namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The journal actor's next batch for its writer: every request in it shares one transaction.</summary>
internal sealed record WriteBatch(IReadOnlyList<WriteEvents> Requests);
