using System.Buffers;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CodeSight.Engine.Tests.Replay;

public sealed class ReplayRoundTripPropertyTests
{
    // Text pieces that stress the codec: quotes, escapes, controls, JS line separators, astral chars.
    private static readonly string[] Pieces =
        ["a", "Z", "0", " ", "é", "ß", "☕", "🚀", "中", "\u2028", "\u2029", "\"", "\\", "\n", "\r", "\t", "\0", "\u007f", "<", "&", "insight.fault.x"];

    private static Gen<string> Text() =>
        Gen.OneOf(
                Gen.Elements(Pieces),
                Gen.Choose(0x20, 0xD7FF).Select(c => ((char)c).ToString()))
            .ListOf()
            .Select(parts => string.Concat(parts));

    private static Gen<object?> Value(int depth)
    {
        var scalars = Gen.OneOf(
            Gen.Constant<object?>(null),
            Text().Select(s => (object?)s),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b),
            ArbMap.Default.GeneratorFor<long>().Select(n => (object?)n),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (object?)d));
        if (depth <= 0)
        {
            return scalars;
        }

        return Gen.Frequency(
            (6, scalars),
            (1, Bag(depth - 1).Select(b => (object?)b)),
            (1, Value(depth - 1).ListOf().Resize(4).Select(items => (object?)items.ToList())));
    }

    private static Gen<IReadOnlyDictionary<string, object?>> Bag(int depth) =>
        Gen.Zip(Text().Where(key => !ProbeAttributes.IsReserved(key)), Value(depth))
            .ListOf()
            .Resize(6)
            .Select(pairs =>
            {
                var bag = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in pairs)
                {
                    bag[key] = value;
                }

                return (IReadOnlyDictionary<string, object?>)bag;
            });

    private static Gen<ProbeFault?> Fault() =>
        Gen.Frequency(
            (2, Gen.Constant<ProbeFault?>(null)),
            (1, Gen.Zip(Text(), Gen.Zip(Text().OrNull(), Text().OrNull()))
                .Select(t => (ProbeFault?)new ProbeFault(t.Item1, t.Item2.Item1, t.Item2.Item2))));

    private static Gen<ulong> NonZero() => ArbMap.Default.GeneratorFor<ulong>().Where(v => v != 0);

    private static Gen<long> Timestamp() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Choose(0, int.MaxValue).Select(n => 1_700_000_000_000_000L + n),
            Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 999L, 1_000L));

    private static Gen<Probe> AnyProbe() =>
        from trail in Gen.Zip(NonZero(), NonZero())
        from id in NonZero()
        from parent in Gen.OneOf(Gen.Constant<ProbeId?>(null), NonZero().Select(v => (ProbeId?)new ProbeId(v)))
        from kind in Gen.Elements(ProbeKinds.All.ToArray())
        from name in Text()
        from startedAt in Timestamp()
        from endedAt in Gen.OneOf(Gen.Constant<long?>(null), Timestamp().Select(t => (long?)t))
        from status in Gen.Elements(Enum.GetValues<ProbeStatus>())
        from attributes in Bag(2)
        from fault in Fault()
        select new Probe(new ProbeId(id), new TrailId(trail.Item1, trail.Item2), parent, kind, name, startedAt, endedAt, status, attributes, fault);

    [Fact]
    public void ProbesWrittenWithTheCodecComeBackEqualFromAChunkedStream()
    {
        var cases =
            from probes in AnyProbe().ListOf().Resize(12)
            from chunkSizes in Gen.Choose(1, 97).NonEmptyListOf()
            from crlf in ArbMap.Default.GeneratorFor<bool>()
            select (Probes: probes.ToList(), ChunkSizes: chunkSizes.ToList(), CrLf: crlf);

        var property = Prop.ForAll(cases.ToArbitrary(), c => RoundTrips(c.Probes, c.ChunkSizes, c.CrLf));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static bool RoundTrips(List<Probe> probes, List<int> chunkSizes, bool crlf)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var probe in probes)
        {
            TraceRecordCodec.WriteLine(buffer, probe);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (crlf)
        {
            // JSON escapes \n inside strings, so every raw 0x0A is a line end and can take a \r before it.
            bytes = bytes.SelectMany(b => b == (byte)'\n' ? new[] { (byte)'\r', b } : [b]).ToArray();
        }

        var diagnostics = new ReplayDiagnostics();
        var options = new ReplayOptions { Strict = true, Diagnostics = diagnostics };
        // Task.Run keeps the sync-over-async wait off xunit's synchronization context.
        var signals = Task.Run(async () =>
        {
            var list = new List<Signal>();
            await foreach (var signal in TraceReplay.ReplaySignals(ReplaySource.FromChunks(Chunks.Bytes(bytes, chunkSizes)), options))
            {
                list.Add(signal);
            }

            return list;
        }).GetAwaiter().GetResult();

        if (signals.Count != probes.Count || diagnostics.RecordsRead != probes.Count)
        {
            return false;
        }

        for (var i = 0; i < probes.Count; i++)
        {
            var expected = probes[i];
            var signal = signals[i];
            if (!expected.Equals(signal.Probe))
            {
                throw new InvalidOperationException(
                    $"Probe {i} differs.\nwritten: {TraceRecordCodec.Serialize(TraceRecord.FromProbe(expected))}\n"
                    + $"read:    {TraceRecordCodec.Serialize(TraceRecord.FromProbe(signal.Probe))}");
            }

            var expectedAt = expected.IsClosed ? expected.EndedAt!.Value : expected.StartedAt;
            if (signal.At != expectedAt || (signal is CloseSignal) != expected.IsClosed)
            {
                return false;
            }
        }

        return true;
    }
}
