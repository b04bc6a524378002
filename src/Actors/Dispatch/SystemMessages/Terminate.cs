namespace CodeSight.Actors.Dispatch;

/// <summary>Stop the actor: stop its children, then run <c>PostStop</c> and tell its watchers.</summary>
internal sealed class Terminate : SystemMessage;
