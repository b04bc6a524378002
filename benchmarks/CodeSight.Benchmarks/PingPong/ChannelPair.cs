using System.Threading.Channels;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>
/// The baseline: the same exchange as <see cref="Pinger"/> and <see cref="Ponger"/>, built from two unbounded
/// single-reader, single-writer channels read by two async loops. These are the fastest options Channels offers
/// for this shape; each loop drains with TryRead and awaits only when its channel is empty.
/// </summary>
public sealed class ChannelPair
{
    private static readonly UnboundedChannelOptions Options = new() { SingleReader = true, SingleWriter = true };

    /// <summary>Plays one round on the thread pool; the task completes when the last ball has come back.</summary>
    public static Task Play(PingPongRound round)
    {
        var pings = Channel.CreateUnbounded<Ball>(Options);
        var pongs = Channel.CreateUnbounded<Ball>(Options);
        var ponger = Task.Run(() => PongLoop(pings.Reader, pongs.Writer));
        var pinger = Task.Run(() => PingLoop(round, pings.Writer, pongs.Reader));
        return Task.WhenAll(pinger, ponger);
    }

    private static async Task PingLoop(PingPongRound round, ChannelWriter<Ball> pings, ChannelReader<Ball> pongs)
    {
        var toSend = round.PingsPerPair;
        var toReceive = round.PingsPerPair;
        var first = Math.Min(round.Window, toSend);
        toSend -= first;
        for (var i = 0; i < first; i++) pings.TryWrite(Ball.Instance);
        while (toReceive > 0 && await pongs.WaitToReadAsync().ConfigureAwait(false))
        {
            while (toReceive > 0 && pongs.TryRead(out var ball))
            {
                if (toSend > 0)
                {
                    toSend--;
                    pings.TryWrite(ball);
                }
                toReceive--;
            }
        }
        pings.Complete();
        round.PairFinished();
    }

    private static async Task PongLoop(ChannelReader<Ball> pings, ChannelWriter<Ball> pongs)
    {
        while (await pings.WaitToReadAsync().ConfigureAwait(false))
        {
            while (pings.TryRead(out var ball)) pongs.TryWrite(ball);
        }
        pongs.Complete();
    }
}
