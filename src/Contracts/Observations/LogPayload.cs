namespace CodeSight.Contracts.Observations;

/// <summary>A log line.</summary>
public sealed record LogPayload : ObservationPayload
{
    /// <summary>Creates a log payload.</summary>
    /// <param name="message">The text.</param>
    /// <param name="level">The severity as the host names it (<c>INFO</c>, <c>WARNING</c>, ...); defaults to <c>INFO</c>.</param>
    public LogPayload(string message, string level = "INFO")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(level);
        Message = message;
        Level = level;
    }

    /// <summary>The text.</summary>
    public string Message { get; }

    /// <summary>The severity as the host names it.</summary>
    public string Level { get; }

    /// <inheritdoc/>
    public override string Type => "log";
}
