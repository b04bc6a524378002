namespace ActorHost;

/// <summary>What the scoreboard saw on the event stream.</summary>
/// <param name="ProbesClosed">Close signals, one per probe.</param>
/// <param name="Patrols">Completed trails, one per patrol.</param>
/// <param name="ContactsByAgent">Contacts reported by each agent's scans.</param>
public sealed record Score(long ProbesClosed, long Patrols, IReadOnlyDictionary<string, long> ContactsByAgent);
