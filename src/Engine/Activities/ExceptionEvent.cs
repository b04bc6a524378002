namespace CodeSight.Engine.Activities;

/// <summary>The names of OpenTelemetry's <c>exception</c> span event and its tags (semantic conventions).</summary>
internal static class ExceptionEvent
{
    public const string Name = "exception";
    public const string TypeTag = "exception.type";
    public const string MessageTag = "exception.message";
    public const string StackTag = "exception.stacktrace";
}
