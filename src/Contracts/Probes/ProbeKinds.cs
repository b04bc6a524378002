namespace CodeSight.Contracts.Probes;

/// <summary>
/// The locked map between app probe kinds and segment kinds (run-&gt;run, turn-&gt;inference, tool-&gt;action,
/// model-&gt;recall, custom-&gt;custom) and their lowercase wire names.
/// </summary>
public static class ProbeKinds
{
    /// <summary>The closed set of app kinds, in declaration order.</summary>
    public static IReadOnlyList<ProbeKind> All { get; } = [ProbeKind.Run, ProbeKind.Turn, ProbeKind.Tool, ProbeKind.Model, ProbeKind.Custom];

    /// <summary>Maps an app kind to its segment kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static SegmentKind ToSegment(ProbeKind kind) => kind switch
    {
        ProbeKind.Run => SegmentKind.Run,
        ProbeKind.Turn => SegmentKind.Inference,
        ProbeKind.Tool => SegmentKind.Action,
        ProbeKind.Model => SegmentKind.Recall,
        ProbeKind.Custom => SegmentKind.Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a probe kind."),
    };

    /// <summary>Maps a segment kind back to its app kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined segment kind.</exception>
    public static ProbeKind FromSegment(SegmentKind kind) => kind switch
    {
        SegmentKind.Run => ProbeKind.Run,
        SegmentKind.Inference => ProbeKind.Turn,
        SegmentKind.Action => ProbeKind.Tool,
        SegmentKind.Recall => ProbeKind.Model,
        SegmentKind.Custom => ProbeKind.Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a segment kind."),
    };

    /// <summary>The app wire name: <c>run</c>, <c>turn</c>, <c>tool</c>, <c>model</c> or <c>custom</c>.</summary>
    public static string WireName(ProbeKind kind) => kind switch
    {
        ProbeKind.Run => "run",
        ProbeKind.Turn => "turn",
        ProbeKind.Tool => "tool",
        ProbeKind.Model => "model",
        ProbeKind.Custom => "custom",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a probe kind."),
    };

    /// <summary>The segment wire name: <c>run</c>, <c>inference</c>, <c>action</c>, <c>recall</c> or <c>custom</c>.</summary>
    public static string WireName(SegmentKind kind) => kind switch
    {
        SegmentKind.Run => "run",
        SegmentKind.Inference => "inference",
        SegmentKind.Action => "action",
        SegmentKind.Recall => "recall",
        SegmentKind.Custom => "custom",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a segment kind."),
    };

    /// <summary>Parses an app wire name (exact, lowercase).</summary>
    /// <exception cref="FormatException">The text is not one of the five app kinds; the message lists them.</exception>
    public static ProbeKind ParseProbeKind(ReadOnlySpan<char> text) =>
        TryParseProbeKind(text, out var kind)
            ? kind
            : throw new FormatException($"\"{text}\" is not a probe kind; expected one of run, turn, tool, model, custom.");

    /// <summary>Parses an app wire name (exact, lowercase) without throwing.</summary>
    public static bool TryParseProbeKind(ReadOnlySpan<char> text, out ProbeKind kind)
    {
        switch (text)
        {
            case "run": kind = ProbeKind.Run; return true;
            case "turn": kind = ProbeKind.Turn; return true;
            case "tool": kind = ProbeKind.Tool; return true;
            case "model": kind = ProbeKind.Model; return true;
            case "custom": kind = ProbeKind.Custom; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Parses a segment wire name (exact, lowercase).</summary>
    /// <exception cref="FormatException">The text is not one of the five segment kinds; the message lists them.</exception>
    public static SegmentKind ParseSegmentKind(ReadOnlySpan<char> text) =>
        TryParseSegmentKind(text, out var kind)
            ? kind
            : throw new FormatException($"\"{text}\" is not a segment kind; expected one of run, inference, action, recall, custom.");

    /// <summary>Parses a segment wire name (exact, lowercase) without throwing.</summary>
    public static bool TryParseSegmentKind(ReadOnlySpan<char> text, out SegmentKind kind)
    {
        switch (text)
        {
            case "run": kind = SegmentKind.Run; return true;
            case "inference": kind = SegmentKind.Inference; return true;
            case "action": kind = SegmentKind.Action; return true;
            case "recall": kind = SegmentKind.Recall; return true;
            case "custom": kind = SegmentKind.Custom; return true;
            default: kind = default; return false;
        }
    }
}
