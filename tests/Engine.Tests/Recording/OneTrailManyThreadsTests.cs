using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary>
/// Several threads record children (each noted and closed, some interleaved with a sibling) into one trail at once,
/// contending for the trail link's lock: closes that ride along with their probe's open and messages told on their own
/// still come out in the order each thread made them, and every probe's signals read open, its notes in order, close.
/// </summary>
public sealed class OneTrailManyThreadsTests : EngineTestKit
{
    [Fact]
    public void EveryThreadsSignalsComeOutInTheOrderItMadeThem()
    {
        const int threads = 4;
        const int rounds = 150;
        const int notes = 3;
        var engine = StartEngine();
        var signals = Subscribe<Signal>();
        var root = engine.Recorder.OpenTrail("root");
        var opened = new List<ProbeId>[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var mine = opened[t] = new List<ProbeId>();
            start.SignalAndWait();
            for (var r = 0; r < rounds; r++)
            {
                if (r % 5 == 4)
                {
                    // Two siblings interleaved: the second's open comes between the first's open and its notes.
                    var first = root.Child(ProbeKind.Tool, $"t{t}");
                    var second = root.Child(ProbeKind.Tool, $"t{t}");
                    mine.Add(first.Id);
                    mine.Add(second.Id);
                    for (var n = 0; n < notes; n++)
                    {
                        first.Note("n", n);
                        second.Note("n", n);
                    }
                    first.Close();
                    second.Close();
                    continue;
                }
                var child = root.Child(ProbeKind.Tool, $"t{t}");
                mine.Add(child.Id);
                for (var n = 0; n < notes; n++) child.Note("n", n);
                child.Close();
                child.Note("after-close", true); // ignored
                child.Close(); // idempotent
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var probes = opened.Sum(o => o.Count);

        var received = signals.ReceiveN(1 + probes * (notes + 2), TimeSpan.FromSeconds(30)).Cast<Signal>().ToList();
        root.Close();
        Assert.IsType<CloseSignal>(signals.ExpectMsg<Signal>());
        Assert.IsType<OpenSignal>(received[0]);
        var byProbe = received.Skip(1).GroupBy(s => s.Probe.Id).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(probes, byProbe.Count);
        foreach (var (_, sequence) in byProbe)
        {
            Assert.IsType<OpenSignal>(sequence[0]);
            for (var n = 0; n < notes; n++)
            {
                var update = Assert.IsType<UpdateSignal>(sequence[1 + n]);
                Assert.Equal(n, Convert.ToInt32(update.Probe.Attributes["n"], System.Globalization.CultureInfo.InvariantCulture));
            }
            var close = Assert.IsType<CloseSignal>(sequence[notes + 1]);
            Assert.Equal(ProbeStatus.Ok, close.Probe.Status);
            Assert.False(close.Probe.Attributes.ContainsKey("after-close"));
        }
        // Per thread, probes open in the order the thread opened them.
        var openOrder = received.OfType<OpenSignal>().Select((s, i) => (s.Probe.Id, i)).ToDictionary(p => p.Id, p => p.i);
        foreach (var mine in opened)
        {
            var positions = mine.Select(id => openOrder[id]).ToList();
            Assert.Equal(positions.Order(), positions);
        }
        Assert.Equal(probes + 1, engine.Counters.ProbesOpened.Value);
        AwaitCondition(() => engine.Counters.ProbesClosed.Value == probes + 1);
    }
}
