namespace CodeSight.Contracts.Probes;

/// <summary>Where a probe is in its life. Wire names are lowercase; see <see cref="ProbeStatuses"/>.</summary>
public enum ProbeStatus
{
    /// <summary>Still running; the only non-terminal status.</summary>
    Open,

    /// <summary>Finished normally.</summary>
    Ok,

    /// <summary>Finished with a failure, usually described by a <see cref="ProbeFault"/>.</summary>
    Error,

    /// <summary>Never closed by its owner; ended by the engine (trail ended, host shut down).</summary>
    Abandoned,
}
