using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CodeSight.Server.Cli;

/// <summary>
/// One readable line per live item of protocol v1, as <c>codesight tail</c> prints it: local time, kind, the trail and
/// probe ids cut to 8 hex digits, the name, then the status and duration or the value:
/// <code>
/// 14:03:07.412 signal  close  0af76519/b7ad6b71  read_telemetry  ok 12.345 ms
/// 14:03:07.415 obs     planning  pit_strategy  strategy_planner  latency_ms=1.93 candidates=5  [WARNING] replanned
/// 14:03:07.500 alert   tyre_model.wear = 0.97 > 0.92
/// 14:03:07.512 trail   0af76519  lap one  3 probes  ok 45.200 ms
/// </code>
/// </summary>
internal static class TailFormatter
{
    private const int ShortId = 8;

    /// <summary>The line for a live item message, or null when the message is not one.</summary>
    public static string? Format(JsonElement item)
    {
        var type = item.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "signal" => Signal(item),
            "observation" => Observation(item),
            "alert" => Alert(item),
            "trail" => Trail(item),
            _ => null,
        };
    }

    /// <summary>Whether a message is a live item (what <c>--count</c> counts).</summary>
    public static bool IsLiveItem(string? type) => type is "signal" or "observation" or "alert" or "trail";

    private static string Signal(JsonElement item)
    {
        var probe = item.GetProperty("probe");
        var phase = item.GetProperty("phase").GetString()!;
        var line = new StringBuilder(120);
        line.Append(Time(item.GetProperty("at"))).Append(" signal  ").Append(phase.PadRight(6)).Append(' ')
            .Append(Ids(probe.GetProperty("traceId").GetString(), probe.GetProperty("id").GetString())).Append("  ")
            .Append(probe.GetProperty("name").GetString()).Append("  ");
        if (phase == "open") line.Append(probe.GetProperty("kind").GetString());
        else Outcome(line, probe);
        return line.ToString();
    }

    private static string Trail(JsonElement item)
    {
        var probes = item.GetProperty("probes");
        var root = probes.GetArrayLength() > 0 ? probes[0] : default;
        var line = new StringBuilder(120);
        var at = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("endedAt", out var ended) && ended.ValueKind == JsonValueKind.Number ? ended : default;
        line.Append(Time(at)).Append(" trail   ").Append(Short(item.GetProperty("trailId").GetString())).Append("  ");
        if (root.ValueKind == JsonValueKind.Object) line.Append(root.GetProperty("name").GetString()).Append("  ");
        line.Append(probes.GetArrayLength().ToString(CultureInfo.InvariantCulture)).Append(probes.GetArrayLength() == 1 ? " probe  " : " probes  ");
        if (root.ValueKind == JsonValueKind.Object) Outcome(line, root);
        return line.ToString().TrimEnd();
    }

    private static string Observation(JsonElement item)
    {
        var line = new StringBuilder(120);
        line.Append(Time(item.GetProperty("timestamp"))).Append(" obs     ")
            .Append(item.GetProperty("modality").GetString()).Append("  ")
            .Append(item.GetProperty("sightPoint").GetString()).Append("  ")
            .Append(item.GetProperty("target").GetString());
        if (item.TryGetProperty("trailId", out var trail)) line.Append("  ").Append(Ids(trail.GetString(), item.TryGetProperty("probeId", out var p) ? p.GetString() : null));
        var metrics = item.GetProperty("metrics").EnumerateObject().ToList();
        if (metrics.Count > 0) line.Append("  ").AppendJoin(' ', metrics.Select(m => m.Name + "=" + Number(m.Value)));
        if (item.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            line.Append("  ");
            switch (payload.GetProperty("type").GetString())
            {
                case "log":
                    line.Append('[').Append(payload.GetProperty("level").GetString()).Append("] ").Append(payload.GetProperty("message").GetString());
                    break;
                case "metric":
                    line.Append(payload.GetProperty("name").GetString()).Append(" = ").Append(Number(payload.GetProperty("value")));
                    if (payload.TryGetProperty("unit", out var unit)) line.Append(' ').Append(unit.GetString());
                    break;
                case "image":
                    line.Append("image ").Append(payload.GetProperty("mediaType").GetString()).Append(", ").Append(payload.GetProperty("bytes").GetInt64()).Append(" bytes");
                    break;
                case "tensor":
                    line.Append("tensor ").Append(payload.GetProperty("dtype").GetString()).Append(" [")
                        .AppendJoin('x', payload.GetProperty("shape").EnumerateArray().Select(d => d.GetRawText())).Append("] mean ").Append(Number(payload.GetProperty("mean")));
                    break;
                default:
                    line.Append(payload.GetProperty("type").GetString());
                    break;
            }
        }

        return line.ToString();
    }

    private static string Alert(JsonElement item)
    {
        var line = new StringBuilder(80);
        line.Append(Time(item.GetProperty("timestamp"))).Append(" alert   ")
            .Append(item.GetProperty("sightPoint").GetString()).Append('.').Append(item.GetProperty("metric").GetString())
            .Append(" = ").Append(Number(item.GetProperty("value"))).Append(" > ").Append(Number(item.GetProperty("threshold")));
        if (item.GetProperty("failClosed").GetBoolean()) line.Append("  (fail-closed)");
        if (item.TryGetProperty("trailId", out var trail)) line.Append("  ").Append(Ids(trail.GetString(), item.TryGetProperty("probeId", out var p) ? p.GetString() : null));
        return line.ToString();
    }

    private static void Outcome(StringBuilder line, JsonElement probe)
    {
        line.Append(probe.GetProperty("status").GetString());
        if (probe.GetProperty("endedAt") is { ValueKind: JsonValueKind.Number } ended)
        {
            var millis = ended.GetDecimal() - probe.GetProperty("startedAt").GetDecimal();
            line.Append(' ').Append(millis.ToString("0.000", CultureInfo.InvariantCulture)).Append(" ms");
        }

        if (probe.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            line.Append("  ! ").Append(error.GetProperty("message").GetString());
        }
    }

    private static string Ids(string? trail, string? probe) => probe is null ? Short(trail) : Short(trail) + "/" + Short(probe);

    private static string Short(string? id) => id is null ? "-" : id.Length <= ShortId ? id : id[..ShortId];

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "null";

    private static string Time(JsonElement millis)
    {
        if (millis.ValueKind != JsonValueKind.Number) return "--:--:--.---";
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)millis.GetDecimal()).ToLocalTime();
        return at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }
}
