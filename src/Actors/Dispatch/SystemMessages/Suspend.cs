namespace CodeSight.Actors.Dispatch;

/// <summary>Stop processing ordinary messages until a <see cref="Resume"/> arrives.</summary>
internal sealed class Suspend : SystemMessage;
