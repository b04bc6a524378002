namespace CodeSight.Actors;

/// <summary>An actor behaviour: handles a message and returns true, or returns false when it does not handle it.</summary>
/// <param name="message">The message to handle.</param>
public delegate bool Receive(object message);
