using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// A built-in gate that can decide from an id whose ratio-gate hash (<see cref="TrailIdHash"/>) is already known, as
/// it is for the ids the recorder mints in batches: the verdict is the same as <see cref="ISamplingGate.Verdict"/>'s.
/// </summary>
internal interface IHashedGate
{
    /// <summary>The verdict for <paramref name="id"/>, whose hash is <paramref name="idHash"/>.</summary>
    bool Verdict(TrailId id, uint idHash);
}
