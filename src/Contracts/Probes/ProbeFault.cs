namespace CodeSight.Contracts.Probes;

/// <summary>A captured failure attached to a probe.</summary>
/// <param name="Message">What went wrong, as the failure described itself.</param>
/// <param name="Name">The failure's type name (for exceptions, the full CLR type name), when known.</param>
/// <param name="Stack">The rendered stack text, when known.</param>
public sealed record ProbeFault(string Message, string? Name = null, string? Stack = null)
{
    /// <summary>
    /// Captures an exception: its message, its full type name, and its rendered text (<see cref="Exception.ToString"/>:
    /// type, message, stack and inner exceptions), which is what a reader needs to find the cause.
    /// </summary>
    public static ProbeFault From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType();
        return new ProbeFault(exception.Message, type.FullName ?? type.Name, exception.ToString());
    }

    /// <summary>
    /// Coerces any failure value into a fault: an exception as in <see cref="From(Exception)"/>, an existing
    /// fault unchanged, anything else as its text (null becomes the message "null").
    /// </summary>
    public static ProbeFault From(object? failure) => failure switch
    {
        null => new ProbeFault("null"),
        ProbeFault fault => fault,
        Exception exception => From(exception),
        string text => new ProbeFault(text),
        _ => new ProbeFault(failure.ToString() ?? failure.GetType().Name),
    };
}
