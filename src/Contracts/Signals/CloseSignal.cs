using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Signals;

/// <summary>A probe reached a terminal status; <see cref="Signal.At"/> equals its end time.</summary>
/// <param name="Probe">The probe after the transition.</param>
/// <param name="At">When it happened, epoch microseconds.</param>
public sealed record CloseSignal(Probe Probe, long At) : Signal(Probe, At)
{
    /// <inheritdoc/>
    public override SignalPhase Phase => SignalPhase.Close;
}
