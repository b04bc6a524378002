namespace CodeSight.Contracts.Signals;

/// <summary>Which transition of a probe a <see cref="Signal"/> reports.</summary>
public enum SignalPhase
{
    /// <summary>The probe opened.</summary>
    Open,

    /// <summary>The probe's attributes or fault changed while it was open.</summary>
    Update,

    /// <summary>The probe reached a terminal status.</summary>
    Close,
}
