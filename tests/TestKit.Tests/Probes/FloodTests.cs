using Xunit;

namespace CodeSight.TestKit.Tests.Probes;

public sealed class FloodTests : TestKit
{
    [Fact]
    public void AProbeTakesAFloodFromSeveralThreadsInOrderPerSender()
    {
        const int senders = 3, perSender = 100_000;
        var probe = CreateTestProbe();
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++) probe.Ref.Tell((s, i), null);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var next = new int[senders];
        foreach (var m in probe.ReceiveN(senders * perSender, TimeSpan.FromSeconds(30)))
        {
            var (s, i) = ((int, int))m;
            Assert.Equal(next[s], i);
            next[s]++;
        }
        Assert.All(next, n => Assert.Equal(perSender, n));
    }
}
