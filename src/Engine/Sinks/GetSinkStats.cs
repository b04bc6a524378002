namespace CodeSight.Engine.Sinks;

/// <summary>Ask <see cref="SinkHealth"/> this to get a <see cref="SinkStatsReport"/>.</summary>
public sealed class GetSinkStats
{
    private GetSinkStats() { }

    /// <summary>The single instance.</summary>
    public static GetSinkStats Instance { get; } = new();
}
