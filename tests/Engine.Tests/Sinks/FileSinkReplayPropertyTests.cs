using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class FileSinkReplayPropertyTests : IDisposable
{
    // Fragments that stress the NDJSON writer: quotes, escapes, newlines, the JavaScript line separators, non-ASCII
    // text and a surrogate pair (kept whole, so no string holds a lone surrogate).
    private static readonly string[] Fragments = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u2028", "\u2029", "é", "中", "😀", "{", "}", ":", ","];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Gen<string> Text(int minFragments) =>
        from count in Gen.Choose(minFragments, 12)
        from parts in Gen.Elements(Fragments).ArrayOf(count)
        select string.Concat(parts);

    private static Gen<object?> Value() =>
        Gen.OneOf(
            Text(0).Select(s => (object?)s),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)((long)i * 3)),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => (object?)(i / 64.0)),
            Gen.Elements(true, false).Select(b => (object?)b),
            Gen.Constant((object?)null));

    private static Gen<IReadOnlyDictionary<string, object?>> Attributes() =>
        from count in Gen.Choose(0, 4)
        from keys in Text(1).ArrayOf(count)
        from values in Value().ArrayOf(count)
        select (IReadOnlyDictionary<string, object?>)keys
            .Select((key, i) => (Key: "k" + key, Value: values[i]))
            .DistinctBy(pair => pair.Key)
            .ToDictionary(pair => pair.Key, pair => pair.Value);

    private static Gen<ProbeFault?> Fault() =>
        Gen.OneOf(
            Gen.Constant((ProbeFault?)null),
            from message in Text(1)
            from name in Gen.Elements<string?>(null, "System.IO.IOException")
            from stack in Gen.Elements<string?>(null, "at Work()\n  at Main()")
            select (ProbeFault?)new ProbeFault(message, name, stack));

    private static Gen<Probe> OneProbe() =>
        from kind in Gen.Elements(ProbeKinds.All.ToArray())
        from name in Text(1)
        from start in Gen.Choose(0, int.MaxValue)
        from duration in Gen.Choose(0, 10_000_000)
        from hasParent in Gen.Elements(true, false)
        from attributes in Attributes()
        from fault in Fault()
        from status in Gen.Elements(ProbeStatus.Ok, ProbeStatus.Error, ProbeStatus.Abandoned)
        let startMicros = 1_600_000_000_000_000L + start * 7L
        select new Probe(ProbeId.New(), TrailId.New(), hasParent ? ProbeId.New() : null, kind, name,
            startMicros, startMicros + duration, fault is null ? status : ProbeStatus.Error, attributes, fault);

    [Fact]
    public void EveryProbeTheFileSinkWritesReplaysEqual()
    {
        var run = 0;
        var property = Prop.ForAll(OneProbe().ListOf().Select(list => list.ToArray()).ToArbitrary(), probes =>
        {
            var path = _folder.File($"run-{Interlocked.Increment(ref run)}.ndjson");
            using (var file = new RollingNdjsonFile(path, long.MaxValue, 1))
            {
                foreach (var probe in probes) file.Write(probe);
            }

            if (probes.Length == 0)
            {
                return !File.Exists(path); // the file opens lazily, with its first record
            }

            var replayed = TraceReplay.ReplayProbes(ReplaySource.FromFile(path), new ReplayOptions { Strict = true }).GetAwaiter().GetResult();
            return replayed.Values.SequenceEqual(probes);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
