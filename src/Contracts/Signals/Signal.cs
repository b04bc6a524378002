using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Signals;

/// <summary>
/// One transition of a probe, as published to sinks: <c>Signal(Probe Probe, long At)</c>. The union is
/// closed: <see cref="OpenSignal"/>, <see cref="UpdateSignal"/> and <see cref="CloseSignal"/>.
/// </summary>
public abstract record Signal
{
    // private protected keeps the union closed to the three signals in this assembly.
    private protected Signal(Probe probe, long at)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Probe = probe;
        At = at;
    }

    /// <summary>The probe as it stands after the transition.</summary>
    public Probe Probe { get; init; }

    /// <summary>When the transition happened, epoch microseconds.</summary>
    public long At { get; init; }

    /// <summary>Which transition this is.</summary>
    public abstract SignalPhase Phase { get; }
}
