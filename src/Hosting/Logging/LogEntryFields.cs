using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// Builds the fields of a log observation: the state's named properties (with <c>{OriginalFormat}</c>, the message
/// template), then <c>eventId</c>/<c>eventName</c>, <c>exception</c> (type, message, stack, inner) and
/// <c>scopes</c>. Those last four names belong to the bridge: a state property that has one of them is kept as
/// <c>state.NAME</c> rather than overwritten.
/// </summary>
internal static class LogEntryFields
{
    public const string EventIdKey = "eventId";
    public const string EventNameKey = "eventName";
    public const string ExceptionKey = "exception";
    public const string ScopesKey = "scopes";

    public static Dictionary<string, object?> Build<TState>(TState state, EventId eventId, Exception? exception, IExternalScopeProvider? scopes)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var (key, value) in properties)
            {
                fields[IsBridgeKey(key) ? "state." + key : key] = LogValue.Convert(value);
            }
        }

        if (eventId.Id != 0) fields[EventIdKey] = (long)eventId.Id;
        if (!string.IsNullOrEmpty(eventId.Name)) fields[EventNameKey] = eventId.Name;
        if (exception is not null) fields[ExceptionKey] = Describe(exception);
        if (scopes is not null)
        {
            var captured = new List<object?>();
            scopes.ForEachScope(static (scope, list) => list.Add(LogValue.Convert(scope)), captured);
            if (captured.Count > 0) fields[ScopesKey] = captured;
        }

        return fields;
    }

    private static Dictionary<string, object?> Describe(Exception exception)
    {
        var described = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = exception.GetType().FullName,
            ["message"] = exception.Message,
            ["stack"] = exception.StackTrace,
        };
        if (exception.InnerException is { } inner) described["inner"] = inner.ToString();
        return described;
    }

    private static bool IsBridgeKey(string key) => key is EventIdKey or EventNameKey or ExceptionKey or ScopesKey;
}
