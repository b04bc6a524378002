namespace CodeSight.Contracts.Observations;

/// <summary>One named measurement.</summary>
public sealed record MetricPayload : ObservationPayload
{
    /// <summary>Creates a metric payload.</summary>
    /// <param name="name">The metric name, such as <c>latency_ms</c>.</param>
    /// <param name="value">The measured value.</param>
    /// <param name="unit">The unit, such as <c>ms</c>, when it is not implied by the name.</param>
    public MetricPayload(string name, double value, string? unit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = value;
        Unit = unit;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The measured value.</summary>
    public double Value { get; }

    /// <summary>The unit, if given.</summary>
    public string? Unit { get; }

    /// <inheritdoc/>
    public override string Type => "metric";
}
