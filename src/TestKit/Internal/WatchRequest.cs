using CodeSight.Actors;

namespace CodeSight.TestKit.Internal;

/// <summary>
/// Asks a probe's actor to watch or unwatch <paramref name="Target"/> on its own turn (the death-watch tables of an
/// actor may only be touched there); <paramref name="Done"/> is set once it has.
/// </summary>
internal sealed record WatchRequest(IActorRef Target, bool Watch, ManualResetEventSlim Done);
