using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Records;

/// <summary>Moves the reserved <c>insight.fault.*</c> attributes into a <see cref="ProbeFault"/>.</summary>
internal static class FaultLifting
{
    public static (IReadOnlyDictionary<string, object?> Attributes, ProbeFault? Fault) Lift(
        IReadOnlyDictionary<string, object?>? attributes, ProbeFault? fault)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return (ProbeAttributes.Empty, fault);
        }

        var hasMessage = attributes.TryGetValue(ProbeAttributes.FaultMessageKey, out var message);
        var hasName = attributes.TryGetValue(ProbeAttributes.FaultNameKey, out var name);
        var hasStack = attributes.TryGetValue(ProbeAttributes.FaultStackKey, out var stack);
        if (!hasMessage && !hasName && !hasStack)
        {
            return (attributes, fault);
        }

        var rest = new Dictionary<string, object?>(attributes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!ProbeAttributes.IsReserved(key))
            {
                rest[key] = value;
            }
        }

        // Fields the fault already has win over the reserved attributes: the attributes are only a side
        // channel for writers whose error object cannot carry a name or a stack.
        var lifted = new ProbeFault(
            fault?.Message ?? Text(message) ?? string.Empty,
            fault?.Name ?? Text(name),
            fault?.Stack ?? Text(stack));
        return (rest.Count == 0 ? ProbeAttributes.Empty : rest, lifted);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
