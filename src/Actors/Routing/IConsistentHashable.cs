namespace CodeSight.Actors.Routing;

/// <summary>A message that names the key consistent hashing routes it by.</summary>
public interface IConsistentHashable
{
    /// <summary>The key; messages with equal keys go to the same routee while the routees stay the same.</summary>
    object ConsistentHashKey { get; }
}
