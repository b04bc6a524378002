using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Decides, once per trail at its first open, whether the trail is recorded. Implementations must be
/// thread-safe and must not allocate: the verdict sits on the host's hot path.
/// </summary>
public interface ISamplingGate
{
    /// <summary>True to admit the trail, false to drop it (it then costs nothing further).</summary>
    bool Verdict(TrailId id);
}
