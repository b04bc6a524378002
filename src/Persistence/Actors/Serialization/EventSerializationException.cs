namespace CodeSight.Persistence.Actors.Serialization;

/// <summary>
/// An event or snapshot could not be serialised or deserialised: its type or manifest is not registered, or
/// its content does not convert. The message names the type or manifest.
/// </summary>
public sealed class EventSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the type or manifest.</param>
    /// <param name="manifest">The manifest involved, if known.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public EventSerializationException(string message, string? manifest, Exception? innerException = null)
        : base(message, innerException)
    {
        Manifest = manifest;
    }

    /// <summary>The manifest involved, if known.</summary>
    public string? Manifest { get; }
}
