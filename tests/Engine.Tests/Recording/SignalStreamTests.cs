using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary><c>Recorder.Signals()</c>: an async stream for consumers that are not actors.</summary>
public sealed class SignalStreamTests : EngineTestKit
{
    public SignalStreamTests()
        : base("codesight.engine.signals.reader-capacity = 4")
    {
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TheStreamDeliversEverySignalInOrder()
    {
        var engine = StartEngine();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var reader = engine.Recorder.Signals(cancel.Token).GetAsyncEnumerator(cancel.Token);
        // The reader subscribes on its first MoveNextAsync, before anything below is recorded.
        var first = reader.MoveNextAsync();
        var root = engine.Recorder.OpenTrail("run");
        var tool = root.Child(ProbeKind.Tool, "tool");
        Assert.True(await first.AsTask().WaitAsync(Patience));
        var received = new List<Signal> { reader.Current };
        tool.Close();
        root.Close();
        while (received.Count < 4)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Patience));
            received.Add(reader.Current);
        }
        Assert.Equal(
            [(SignalPhase.Open, root.Id), (SignalPhase.Open, tool.Id), (SignalPhase.Close, tool.Id), (SignalPhase.Close, root.Id)],
            received.Select(s => (s.Phase, s.Probe.Id)));
        Assert.Equal(0, engine.Counters.SignalsDroppedForSlowReaders.Value);
    }

    [Fact]
    public async Task ASlowReaderLosesTheNewestSignalsAndTheLossIsCounted()
    {
        var engine = StartEngine();
        var all = Subscribe<Signal>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var reader = engine.Recorder.Signals(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = reader.MoveNextAsync();
        var root = engine.Recorder.OpenTrail("run");
        // The reader takes the open signal, then stops reading: everything after it must fit in its buffer of 4.
        Assert.True(await first.AsTask().WaitAsync(Patience));
        var delivered = new List<Signal> { reader.Current };
        for (var i = 0; i < 30; i++) root.Note("i", i);
        root.Close();
        const int published = 32;
        var sent = all.ReceiveN(published).Cast<Signal>().ToList();

        AwaitCondition(() => engine.Counters.SignalsDroppedForSlowReaders.Value == published - 1 - 4);
        while (delivered.Count < 5)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Patience));
            delivered.Add(reader.Current);
        }
        // The buffer kept the oldest signals; the newest were the ones lost.
        Assert.Equal(sent.Take(5), delivered);
        Assert.Equal(published - 5, engine.Counters.SignalsDroppedForSlowReaders.Value);
    }

    [Fact]
    public async Task CancellingTheReaderEndsTheStream()
    {
        var engine = StartEngine();
        using var cancel = new CancellationTokenSource();
        await using var reader = engine.Recorder.Signals(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = reader.MoveNextAsync();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask().WaitAsync(Patience));
    }
}
