using System.Buffers;
using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;

namespace CodeSight.Contracts.Tests.Records;

public sealed class TraceRecordCodecTests
{
    private static readonly TrailId Trail = TrailId.Parse("4bf92f3577b34da6a3ce929d0e0e4736");
    private static readonly ProbeId Id = ProbeId.Parse("00f067aa0ba902b7");
    private static readonly ProbeId Parent = ProbeId.Parse("53995c3f42cd8ad8");

    private static Probe ToolProbe(
        IReadOnlyDictionary<string, object?>? attributes = null,
        ProbeFault? fault = null,
        long startedAt = 1_700_000_000_123_456,
        long? endedAt = 1_700_000_000_200_000,
        string name = "read_file") =>
        new(Id, Trail, Parent, ProbeKind.Tool, name, startedAt, endedAt, fault is null ? ProbeStatus.Ok : ProbeStatus.Error,
            attributes ?? ProbeAttributes.Empty, fault);

    [Fact]
    public void WritesTheDocumentedFieldsInOrderOnOneLine()
    {
        var probe = ToolProbe(new Dictionary<string, object?> { ["path"] = "/etc/hosts", ["bytes"] = 1234 });

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));

        Assert.Equal(
            "{\"id\":\"00f067aa0ba902b7\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"parentId\":\"53995c3f42cd8ad8\","
            + "\"kind\":\"action\",\"name\":\"read_file\",\"startedAt\":1700000000123.456,\"endedAt\":1700000000200,"
            + "\"status\":\"ok\",\"attributes\":{\"path\":\"/etc/hosts\",\"bytes\":1234},\"error\":null}",
            line);
    }

    [Fact]
    public void WritesNullsForARootThatIsStillOpen()
    {
        var open = new Probe(Id, Trail, null, ProbeKind.Run, "session", 5_000, null, ProbeStatus.Open, ProbeAttributes.Empty, null);

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(open));

        Assert.Contains("\"parentId\":null", line);
        Assert.Contains("\"endedAt\":null", line);
        Assert.Contains("\"kind\":\"run\"", line);
        Assert.Contains("\"startedAt\":5,", line);
    }

    [Theory]
    [InlineData(1_500L, "1.5")]
    [InlineData(1_050L, "1.05")]
    [InlineData(1_001L, "1.001")]
    [InlineData(1_000L, "1")]
    [InlineData(0L, "0")]
    [InlineData(7L, "0.007")]
    [InlineData(-1_500L, "-1.5")]
    [InlineData(-7L, "-0.007")]
    [InlineData(long.MaxValue, "9223372036854775.807")]
    [InlineData(long.MinValue, "-9223372036854775.808")]
    public void WritesMicrosecondsAsMillisecondsAndReadsThemBackExactly(long micros, string millis)
    {
        var probe = ToolProbe(startedAt: micros, endedAt: micros);

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));
        var back = TraceRecordCodec.Deserialize(line);

        Assert.Contains($"\"startedAt\":{millis},", line);
        Assert.Equal(micros, back.StartedAt);
        Assert.Equal(micros, back.EndedAt);
    }

    [Fact]
    public void ReadsTimestampsWrittenWithAnExponent()
    {
        var line = Line(startedAt: "1.7e12");

        Assert.Equal(1_700_000_000_000_000, TraceRecordCodec.Deserialize(line).StartedAt);
    }

    [Fact]
    public void RejectsATimestampFinerThanAMicrosecond()
    {
        var error = Assert.Throws<TraceRecordFormatException>(() => TraceRecordCodec.Deserialize(Line(startedAt: "1.0001")));

        Assert.Equal("startedAt", error.Field);
        Assert.Contains("more than 3 decimals", error.Message);
    }

    [Fact]
    public void EscapesLineAndParagraphSeparators()
    {
        var probe = ToolProbe(new Dictionary<string, object?> { ["note"] = "a\u2029b" }, name: "x\u2028y");

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));

        Assert.DoesNotContain('\u2028', line);
        Assert.DoesNotContain('\u2029', line);
        Assert.Contains("x\\u2028y", line);
        Assert.Contains("a\\u2029b", line);
        Assert.Equal(probe, TraceRecordCodec.Deserialize(line).ToProbe());
    }

    [Fact]
    public void KeepsOtherUnicodeReadable()
    {
        var probe = ToolProbe(name: "café ☕ 🚀");

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));

        Assert.Contains("café ☕", line);
        Assert.Equal(probe, TraceRecordCodec.Deserialize(line).ToProbe());
    }

    [Fact]
    public void WritesOneRecordPerLine()
    {
        var buffer = new ArrayBufferWriter<byte>();

        TraceRecordCodec.WriteLine(buffer, ToolProbe(name: "a\nb"));
        TraceRecordCodec.WriteLine(buffer, ToolProbe(name: "c"));

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public void CarriesTheFaultInTheErrorObjectAndNotInAttributes()
    {
        var fault = new ProbeFault("boom", "System.IO.IOException", "at Foo()");
        var probe = ToolProbe(new Dictionary<string, object?>
        {
            ["path"] = "/x",
            [ProbeAttributes.FaultStackKey] = "ignored: the fault has its own stack",
        }, fault);

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));
        var back = TraceRecordCodec.Deserialize(line).ToProbe();

        Assert.Contains("\"error\":{\"message\":\"boom\",\"name\":\"System.IO.IOException\",\"stack\":\"at Foo()\"}", line);
        Assert.DoesNotContain("insight.fault", line);
        Assert.Equal(fault, back.Fault);
        Assert.Equal(["path"], back.Attributes.Keys);
    }

    [Fact]
    public void LiftsReservedAttributesIntoTheFaultWhenReading()
    {
        var line = Line(
            attributes: "{\"insight.fault.name\":\"TimeoutError\",\"insight.fault.stack\":\"trace\",\"keep\":1}",
            error: "{\"message\":\"took too long\"}");

        var record = TraceRecordCodec.Deserialize(line);

        Assert.Equal(new ProbeFault("took too long", "TimeoutError", "trace"), record.Error);
        Assert.Equal(["keep"], record.Attributes.Keys);
    }

    [Fact]
    public void RoundTripsAttributeValueTypes()
    {
        var attributes = new Dictionary<string, object?>
        {
            ["null"] = null,
            ["text"] = "héllo \"quoted\"",
            ["yes"] = true,
            ["count"] = 42L,
            ["big"] = ulong.MaxValue,
            ["whole double"] = 2.0,
            ["fraction"] = 0.1,
            ["tiny"] = 1e-300,
            ["list"] = new List<object?> { 1L, "two", null, new List<object?> { false } },
            ["nested"] = new Dictionary<string, object?> { ["inner"] = new Dictionary<string, object?> { ["x"] = -3L } },
        };
        var probe = ToolProbe(attributes);

        var back = TraceRecordCodec.Deserialize(TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe))).ToProbe();

        Assert.Equal(probe, back);
        Assert.IsType<double>(back.Attributes["whole double"]);
        Assert.IsType<long>(back.Attributes["count"]);
    }

    [Fact]
    public void RendersUnknownValuesAsTextAndNonFiniteNumbersAsStrings()
    {
        var probe = ToolProbe(new Dictionary<string, object?>
        {
            ["when"] = new DateOnly(2026, 11, 21),
            ["nan"] = double.NaN,
            ["inf"] = double.PositiveInfinity,
        });

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe));

        Assert.Contains("\"when\":\"11/21/2026\"", line);
        Assert.Contains("\"nan\":\"NaN\"", line);
        Assert.Contains("\"inf\":\"Infinity\"", line);
    }

    [Fact]
    public void WritesACyclicBagAsAMarkerInsteadOfOverflowing()
    {
        var cyclic = new Dictionary<string, object?>();
        cyclic["self"] = cyclic;

        var line = TraceRecordCodec.Serialize(TraceRecord.FromProbe(ToolProbe(cyclic)));

        Assert.Contains("[insight:too-deep]", line);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("traceId")]
    [InlineData("kind")]
    [InlineData("name")]
    [InlineData("startedAt")]
    [InlineData("status")]
    public void NamesAMissingRequiredField(string field)
    {
        var line = Line().Replace($"\"{field}\":", "\"renamed\":", StringComparison.Ordinal);

        var error = Assert.Throws<TraceRecordFormatException>(() => TraceRecordCodec.Deserialize(line));

        Assert.Equal(field, error.Field);
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData("traceId", "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e47\"", "has 30")]
    [InlineData("id", "\"id\":\"00f067aa0ba9z2b7\"", "'z' at index 12")]
    [InlineData("kind", "\"kind\":\"tool\"", "not a segment kind")]
    [InlineData("status", "\"status\":\"done\"", "not a probe status")]
    [InlineData("name", "\"name\":42", "expected a string")]
    [InlineData("endedAt", "\"endedAt\":\"soon\"", "JSON number")]
    [InlineData("attributes", "\"attributes\":[1]", "expected an object")]
    public void NamesTheFieldThatIsWrong(string field, string replacement, string reason)
    {
        var line = Line().Replace(FieldText(field), replacement, StringComparison.Ordinal);

        var error = Assert.Throws<TraceRecordFormatException>(() => TraceRecordCodec.Deserialize(line));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("null")]
    public void RejectsBrokenJson(string line)
    {
        var error = Assert.Throws<TraceRecordFormatException>(() => TraceRecordCodec.Deserialize(line));

        Assert.Equal("(json)", error.Field);
    }

    [Fact]
    public void RejectsASecondValueOnTheSameLine()
    {
        var error = Assert.Throws<TraceRecordFormatException>(() => TraceRecordCodec.Deserialize(Line() + " {}"));

        Assert.Equal("(json)", error.Field);
    }

    [Fact]
    public void SkipsUnknownFields()
    {
        var line = Line().Replace("{\"id\"", "{\"future\":{\"a\":[1,2]},\"id\"", StringComparison.Ordinal);

        Assert.Equal(Id, TraceRecordCodec.Deserialize(line).Id);
    }

    private static string FieldText(string field)
    {
        var line = Line();
        var start = line.IndexOf($"\"{field}\":", StringComparison.Ordinal);
        var end = line.IndexOf(",\"", start + field.Length + 3, StringComparison.Ordinal);
        return line[start..end];
    }

    private static string Line(string startedAt = "1700000000123.456", string attributes = "{}", string error = "null") =>
        "{\"id\":\"00f067aa0ba902b7\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"parentId\":null,"
        + $"\"kind\":\"action\",\"name\":\"read_file\",\"startedAt\":{startedAt},\"endedAt\":1700000000200,"
        + $"\"status\":\"ok\",\"attributes\":{attributes},\"error\":{error}}}";
}
