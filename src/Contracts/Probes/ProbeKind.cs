namespace CodeSight.Contracts.Probes;

/// <summary>What a probe times, in the app's vocabulary. The closed set; see <see cref="ProbeKinds"/> for the wire names.</summary>
public enum ProbeKind
{
    /// <summary>A whole run of the host (a session, an episode, a simulation).</summary>
    Run,

    /// <summary>One turn of an agent or one step of a loop; its segment kind is <c>inference</c>.</summary>
    Turn,

    /// <summary>A tool call or other action; its segment kind is <c>action</c>.</summary>
    Tool,

    /// <summary>A model call; its segment kind is <c>recall</c>.</summary>
    Model,

    /// <summary>Anything else.</summary>
    Custom,
}
