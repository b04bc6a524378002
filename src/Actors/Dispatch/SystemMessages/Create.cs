namespace CodeSight.Actors.Dispatch;

/// <summary>First message of every actor: construct the instance and run <c>PreStart</c>.</summary>
internal sealed class Create : SystemMessage;
