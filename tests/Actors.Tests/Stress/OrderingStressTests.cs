using System.Diagnostics;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Stress;

[Collection(SerialCollection.Name)]
public sealed class OrderingStressTests : TestKit.TestKit
{
    private sealed class Seq(int sender, int n)
    {
        public readonly int Sender = sender;
        public readonly int N = n;
    }

    private sealed record Done(int Sender, int Sent);

    /// <summary>Checks that each sender's sequence numbers arrive without gaps or reordering.</summary>
    private sealed class Checker : ReceiveActor
    {
        public Checker(IActorRef probe, int senders)
        {
            var next = new int[senders];
            string? error = null;
            Receive<Seq>(m =>
            {
                if (error is null && m.N != next[m.Sender]) error = $"{Self.Path.Name}: sender {m.Sender} expected {next[m.Sender]}, got {m.N}";
                next[m.Sender] = m.N + 1;
            });
            Receive<Done>(d => probe.Tell(error ?? (next[d.Sender] == d.Sent ? "ok" : $"{Self.Path.Name}: sender {d.Sender} sent {d.Sent}, received {next[d.Sender]}"), Self));
        }
    }

    [Fact]
    public void MillionsOfMessagesFromSeveralThreadsAreNeitherLostNorReordered()
    {
        const int senders = 3, actors = 48, perSender = 1_000_000;
        var checkers = Enumerable.Range(0, actors).Select(i => Sys.ActorOf(Props.Create(() => new Checker(TestActor, senders)), "checker-" + i)).ToArray();
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            var sent = new int[actors];
            for (var i = 0; i < perSender; i++)
            {
                var target = i % actors;
                checkers[target].Tell(new Seq(s, sent[target]++), null);
            }
            for (var a = 0; a < actors; a++) checkers[a].Tell(new Done(s, sent[a]), null);
        }) { Name = "stress-sender-" + s }).ToList();
        threads.ForEach(t => t.Start());

        var verdicts = ReceiveN(senders * actors, TimeSpan.FromSeconds(60)).Cast<string>().ToList();
        threads.ForEach(t => t.Join());
        Assert.All(verdicts, v => Assert.Equal("ok", v));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{senders * perSender} messages took {clock.Elapsed}");
    }
}
