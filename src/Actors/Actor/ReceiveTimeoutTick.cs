namespace CodeSight.Actors;

/// <summary>The receive-timeout timer's message; the cell turns it into <see cref="ReceiveTimeout"/> unless stale.</summary>
/// <param name="Generation">Which arming of the timer sent it.</param>
internal sealed record ReceiveTimeoutTick(int Generation);
