namespace CodeSight.Persistence.Actors.Serialization;

/// <summary>
/// Turns events and snapshots into bytes with a manifest, and back. Used from several actors at once, so an
/// implementation must be thread-safe. It must never turn a manifest read from the database into a type by name
/// (that would let the database choose what code runs): only types registered in advance may come back.
/// </summary>
public interface IEventSerializer
{
    /// <summary>Serialises <paramref name="value"/>.</summary>
    /// <param name="value">An event or snapshot.</param>
    /// <exception cref="EventSerializationException">Its type is not registered, or it cannot be serialised.</exception>
    SerializedEvent Serialize(object value);

    /// <summary>Reads back a value written by <see cref="Serialize"/>.</summary>
    /// <param name="manifest">The manifest stored with the payload.</param>
    /// <param name="payload">The stored bytes.</param>
    /// <exception cref="EventSerializationException">The manifest is unknown, or the bytes do not decode.</exception>
    object Deserialize(string manifest, byte[] payload);
}
