using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Signals;

/// <summary>An open probe's attributes or fault changed.</summary>
/// <param name="Probe">The probe after the transition.</param>
/// <param name="At">When it happened, epoch microseconds.</param>
public sealed record UpdateSignal(Probe Probe, long At) : Signal(Probe, At)
{
    /// <inheritdoc/>
    public override SignalPhase Phase => SignalPhase.Update;
}
