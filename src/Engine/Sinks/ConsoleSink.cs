using System.Collections;
using System.Globalization;
using System.Text;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// Writes one readable line per closed probe to a <see cref="TextWriter"/> (standard output by default):
/// <code>ok       tool    search  12.345 ms  trail 0af76519 probe b7ad6b71  {query="rust", hits=3}</code>
/// Status and kind are the wire names, the duration is in milliseconds with three decimals, the ids are cut to their
/// first 8 hex digits, attributes follow in braces and a fault's message ends the line (<c>! message</c>).
/// </summary>
public sealed class ConsoleSink : SinkActor
{
    private const int ShortIdLength = 8;

    private readonly TextWriter _writer;

    private ConsoleSink(TextWriter writer, FlushPolicy flush, SinkCounters counters)
        : base("console", counters, flush)
    {
        _writer = writer;
    }

    /// <summary>Props for a console sink.</summary>
    /// <param name="writer">Where lines go; default <see cref="Console.Out"/>.</param>
    /// <param name="flush">When to flush; default every record, so a person watching sees each probe at once.</param>
    /// <param name="counters">Counters to share, if the caller wants to read them directly.</param>
    public static Props Props(TextWriter? writer = null, FlushPolicy? flush = null, SinkCounters? counters = null)
    {
        var target = writer ?? Console.Out;
        var policy = flush ?? FlushPolicy.EveryRecord;
        var shared = counters ?? new SinkCounters();
        return CodeSight.Actors.Props.Create(() => new ConsoleSink(target, policy, shared))
            .WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId)
            .WithMailbox(SinkSettings.MailboxId);
    }

    /// <summary>The line written for <paramref name="probe"/>, without the newline.</summary>
    public static string Format(Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var line = new StringBuilder(128);
        line.Append(ProbeStatuses.WireName(probe.Status).PadRight(9))
            .Append(ProbeKinds.WireName(probe.Kind).PadRight(7))
            .Append(' ').Append(probe.Name).Append("  ");
        if (probe.EndedAt is { } ended)
        {
            // Microseconds to milliseconds: exact to the microsecond with three decimals.
            line.Append(((ended - probe.StartedAt) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)).Append(" ms");
        }
        else
        {
            line.Append("open");
        }

        line.Append("  trail ").Append(Shorten(probe.TrailId.ToString()))
            .Append(" probe ").Append(Shorten(probe.Id.ToString()));
        if (probe.Attributes.Count > 0)
        {
            line.Append("  ");
            AppendBag(line, probe.Attributes);
        }

        if (probe.Fault is { } fault)
        {
            line.Append("  ! ").Append(OneLine(fault.Message));
        }

        return line.ToString();
    }

    /// <inheritdoc />
    protected override void Write(Probe probe) => _writer.WriteLine(Format(probe));

    /// <inheritdoc />
    protected override void FlushOutput() => _writer.Flush();

    private static string Shorten(string hex) => hex.Length > ShortIdLength ? hex[..ShortIdLength] : hex;

    private static string OneLine(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void AppendBag(StringBuilder line, IReadOnlyDictionary<string, object?> bag)
    {
        line.Append('{');
        var first = true;
        foreach (var (key, value) in bag.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!first) line.Append(", ");
            first = false;
            line.Append(key).Append('=');
            AppendValue(line, value);
        }

        line.Append('}');
    }

    private static void AppendValue(StringBuilder line, object? value)
    {
        switch (value)
        {
            case null:
                line.Append("null");
                break;
            case string text:
                line.Append('"').Append(OneLine(text)).Append('"');
                break;
            case bool flag:
                line.Append(flag ? "true" : "false");
                break;
            case IFormattable number:
                line.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> nested:
                AppendBag(line, nested);
                break;
            case IEnumerable items:
                line.Append('[');
                var first = true;
                foreach (var item in items)
                {
                    if (!first) line.Append(", ");
                    first = false;
                    AppendValue(line, item);
                }

                line.Append(']');
                break;
            default:
                line.Append(OneLine(value.ToString() ?? ""));
                break;
        }
    }
}
