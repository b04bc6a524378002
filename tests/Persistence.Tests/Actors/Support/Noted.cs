namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>An event with free text, large enough when needed to overflow a size-limited database.</summary>
public sealed record Noted(string Text);
