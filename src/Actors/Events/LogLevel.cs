namespace CodeSight.Actors.Events;

/// <summary>Severity of a <see cref="LogEvent"/>.</summary>
public enum LogLevel
{
    /// <summary>Detail for diagnosing the kernel.</summary>
    Debug,

    /// <summary>Normal lifecycle information.</summary>
    Info,

    /// <summary>Something unexpected that the system handled.</summary>
    Warning,

    /// <summary>A failure: an actor threw, a scheduled action threw.</summary>
    Error,
}
