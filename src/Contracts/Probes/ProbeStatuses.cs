namespace CodeSight.Contracts.Probes;

/// <summary>Wire names of <see cref="ProbeStatus"/>: <c>open</c>, <c>ok</c>, <c>error</c>, <c>abandoned</c>.</summary>
public static class ProbeStatuses
{
    /// <summary>The lowercase wire name of a status.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined status.</exception>
    public static string WireName(ProbeStatus status) => status switch
    {
        ProbeStatus.Open => "open",
        ProbeStatus.Ok => "ok",
        ProbeStatus.Error => "error",
        ProbeStatus.Abandoned => "abandoned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, $"{(int)status} is not a probe status."),
    };

    /// <summary>Parses a wire name (exact, lowercase).</summary>
    /// <exception cref="FormatException">The text is not one of the four statuses; the message lists them.</exception>
    public static ProbeStatus Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var status)
            ? status
            : throw new FormatException($"\"{text}\" is not a probe status; expected one of open, ok, error, abandoned.");

    /// <summary>Parses a wire name (exact, lowercase) without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ProbeStatus status)
    {
        switch (text)
        {
            case "open": status = ProbeStatus.Open; return true;
            case "ok": status = ProbeStatus.Ok; return true;
            case "error": status = ProbeStatus.Error; return true;
            case "abandoned": status = ProbeStatus.Abandoned; return true;
            default: status = default; return false;
        }
    }

    /// <summary>True for every status but <see cref="ProbeStatus.Open"/>.</summary>
    public static bool IsTerminal(ProbeStatus status) => status != ProbeStatus.Open;
}
