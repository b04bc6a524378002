namespace CodeSight.Contracts.Records;

/// <summary>A trace record could not be read; <see cref="Field"/> names the field (or <c>(json)</c> for broken syntax).</summary>
public sealed class TraceRecordFormatException : FormatException
{
    /// <summary>Creates the exception for a field.</summary>
    public TraceRecordFormatException(string field, string message, Exception? innerException = null)
        : base($"Field '{field}': {message}", innerException)
    {
        Field = field;
        Reason = message;
    }

    /// <summary>The field that was wrong, as a dotted path (<c>traceId</c>, <c>attributes.size</c>, <c>error.message</c>).</summary>
    public string Field { get; }

    /// <summary>What was wrong with it, without the field prefix.</summary>
    public string Reason { get; }
}
