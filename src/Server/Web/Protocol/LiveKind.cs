namespace CodeSight.Server.Web.Protocol;

/// <summary>The kinds of live item the server streams; their wire names are the messages' <c>type</c>.</summary>
internal enum LiveKind
{
    /// <summary>A probe opened, changed or closed (<c>signal</c>).</summary>
    Signal,

    /// <summary>An observation at a sight point (<c>observation</c>).</summary>
    Observation,

    /// <summary>A metric went above its threshold (<c>alert</c>).</summary>
    Alert,

    /// <summary>A trail completed, with all its probes (<c>trail</c>).</summary>
    Trail,
}
