namespace CodeSight.Persistence.Actors;

/// <summary>
/// Wraps an event to persist it with tags (stored in the journal's <c>tags</c> column, for queries by tag). The
/// journal stores <see cref="Payload"/> alone: recovery replays the payload, not this wrapper, while the persist
/// handler receives the wrapper it was given.
/// </summary>
/// <param name="Payload">The event itself, of a type registered with the serializer.</param>
/// <param name="Tags">The tags; none may be empty or contain <c>;</c>.</param>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags);
