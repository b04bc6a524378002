using System.Buffers;
using System.Text;
using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Canonical;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerEntryCodecTests
{
    [Fact]
    public void WritesAnObservationEntryInTheDocumentedCanonicalShape()
    {
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteObservation(3, 1_700_000_000_123, LedgerSamples.Observation(2), output);

        Assert.Equal(
            "{\"context\":{\"note\":\"observation 2\",\"step\":2},\"kind\":\"observation\",\"metrics\":{\"latency_ms\":3,\"tokens\":2}," +
            "\"modality\":\"planning\",\"payload\":{\"level\":\"INFO\",\"message\":\"line 2\",\"type\":\"log\"},\"probeId\":\"0000000000000003\"," +
            "\"recordedAt\":1700000000123,\"sequence\":3,\"sightPoint\":\"planning_step\",\"target\":\"navigation_module\"," +
            "\"timestamp\":3000000,\"trailId\":\"0123456789abcdef0123456789abcdef\"}",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WritesBytesThatAreAlreadyCanonical()
    {
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteProbe(9, 5, LedgerSamples.Probe(1), output);
        byte[] written = output.WrittenSpan.ToArray();

        Assert.Equal(written, CanonicalJson.Canonicalize(Encoding.UTF8.GetString(written)));
    }

    [Fact]
    public void WritesNonFiniteMetricsAsStrings()
    {
        Observation observation = LedgerSamples.Observation(0) with
        {
            Metrics = new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.PositiveInfinity, ["c"] = double.NegativeInfinity },
        };
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteObservation(1, 0, observation, output);

        Assert.Contains("\"metrics\":{\"a\":\"NaN\",\"b\":\"Infinity\",\"c\":\"-Infinity\"}", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheTopLevelSequenceEvenWhenTheContextHasOne()
    {
        Observation observation = LedgerSamples.Observation(0) with
        {
            Context = new Dictionary<string, object?> { ["sequence"] = 99, ["nested"] = new Dictionary<string, object?> { ["sequence"] = 98 } },
        };
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteObservation(42, 0, observation, output);

        Assert.Equal(42, LedgerEntryCodec.ReadSequence(output.WrittenSpan));
    }

    [Fact]
    public void ReadsAProbeBackFromItsEntry()
    {
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteProbe(1, 0, LedgerSamples.Probe(3), output);

        Assert.Equal(LedgerSamples.Probe(3), LedgerEntryCodec.ReadProbe(output.WrittenSpan));
    }

    [Fact]
    public void RefusesToReadAProbeFromAnObservationEntry()
    {
        var output = new ArrayBufferWriter<byte>();
        LedgerEntryCodec.WriteObservation(1, 0, LedgerSamples.Observation(0), output);

        var error = Assert.Throws<FormatException>(() => LedgerEntryCodec.ReadProbe(output.WrittenSpan));
        Assert.Contains("not a probe entry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", 1.5, 0)]
    [InlineData("ünïcødé € 😀", -0.0, 1)]
    [InlineData("tab\there \"quoted\" back\\slash", 1e21, 2)]
    [InlineData("", 1e-7, 3)]
    [InlineData("x", 123456789.125, 4)]
    [InlineData("y", -9007199254740991, 5)]
    [InlineData("z", double.NaN, 6)]
    public void WritesTheSameBytesAsTheDocumentedObjectTree(string text, double number, int variant)
    {
        var observation = new Observation(
            text,
            "target-" + text,
            (Modality)(variant % 7),
            new Dictionary<string, double> { ["b"] = number, ["a"] = variant, ["\u00e9"] = -number },
            new Dictionary<string, object?> { ["s"] = text, ["n"] = variant % 2 == 0 ? number : null, ["flag"] = variant > 2, ["i"] = variant, ["l"] = -5L },
            1_700_000_000_000_000L + variant,
            variant % 3 == 0 ? new MetricPayload("m", number, variant == 0 ? null : "ms") : new LogPayload(text, "WARN"),
            variant == 4 ? null : LedgerSamples.TrailA,
            variant == 5 ? null : new CodeSight.Contracts.Ids.ProbeId(0xabcdef));
        var expected = new Dictionary<string, object?>
        {
            ["context"] = observation.Context,
            ["kind"] = "observation",
            ["metrics"] = observation.Metrics.ToDictionary(m => m.Key, m => Finite(m.Value)),
            ["modality"] = Modalities.WireName(observation.Modality),
            ["payload"] = observation.Payload switch
            {
                MetricPayload m => new Dictionary<string, object?> { ["type"] = "metric", ["name"] = m.Name, ["value"] = Finite(m.Value), ["unit"] = m.Unit },
                LogPayload l => new Dictionary<string, object?> { ["type"] = "log", ["level"] = l.Level, ["message"] = l.Message },
                _ => null,
            },
            ["probeId"] = observation.ProbeId?.ToString(),
            ["recordedAt"] = 1_700_000_000_999L,
            ["sequence"] = 77L,
            ["sightPoint"] = text,
            ["target"] = observation.Target,
            ["timestamp"] = observation.Timestamp,
            ["trailId"] = observation.TrailId?.ToString(),
        };

        var output = new ArrayBufferWriter<byte>();
        if (variant % 2 == 0 && double.IsNaN(number))
        {
            Assert.Throws<CanonicalJsonException>(() => LedgerEntryCodec.WriteObservation(77, 1_700_000_000_999, observation, output));
            return;
        }

        LedgerEntryCodec.WriteObservation(77, 1_700_000_000_999, observation, output);

        Assert.Equal(Encoding.UTF8.GetString(CanonicalJson.Serialize(expected)), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static object Finite(double value) => double.IsFinite(value) ? value : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
