namespace CodeSight.Persistence.Actors.Serialization;

/// <summary>An event or snapshot in its stored form.</summary>
/// <param name="Manifest">Names the type, so that a reader knows how to decode <paramref name="Payload"/>.</param>
/// <param name="Payload">The serialised bytes.</param>
public readonly record struct SerializedEvent(string Manifest, byte[] Payload);
