namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// A client message the server cannot accept. <see cref="Field"/> is the JSON path of the culprit
/// (<c>items[2].probeId</c>), or null when the message as a whole is wrong; the client is told both in an
/// <c>error</c> reply and the connection stays open.
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A stable machine-readable reason, such as <c>bad_field</c> (listed in docs/protocol.md).</param>
    /// <param name="field">The JSON path of the offending field, or null.</param>
    /// <param name="reason">What is wrong, for a human.</param>
    public ProtocolException(string code, string? field, string reason)
        : base(field is null ? reason : $"{field}: {reason}")
    {
        Code = code;
        Field = field;
        Reason = reason;
    }

    /// <summary>The machine-readable reason.</summary>
    public string Code { get; }

    /// <summary>The JSON path of the offending field, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the field.</summary>
    public string Reason { get; }
}
