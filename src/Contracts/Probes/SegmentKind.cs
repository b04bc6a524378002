namespace CodeSight.Contracts.Probes;

/// <summary>The tracing-framework name of a probe kind: the <c>kind</c> written in NDJSON records.</summary>
public enum SegmentKind
{
    /// <summary>Wire name <c>run</c>; app kind <see cref="ProbeKind.Run"/>.</summary>
    Run,

    /// <summary>Wire name <c>inference</c>; app kind <see cref="ProbeKind.Turn"/>.</summary>
    Inference,

    /// <summary>Wire name <c>action</c>; app kind <see cref="ProbeKind.Tool"/>.</summary>
    Action,

    /// <summary>Wire name <c>recall</c>; app kind <see cref="ProbeKind.Model"/>.</summary>
    Recall,

    /// <summary>Wire name <c>custom</c>; app kind <see cref="ProbeKind.Custom"/>.</summary>
    Custom,
}
