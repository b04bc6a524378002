namespace CodeSight.Contracts.Observations;

/// <summary>
/// The body of an observation. The set is closed: <see cref="LogPayload"/>, <see cref="MetricPayload"/>,
/// <see cref="ImagePayload"/> and <see cref="TensorPayload"/>.
/// </summary>
public abstract record ObservationPayload
{
    private protected ObservationPayload()
    {
    }

    /// <summary>A short wire name for the payload type: <c>log</c>, <c>metric</c>, <c>image</c> or <c>tensor</c>.</summary>
    public abstract string Type { get; }
}
