namespace CodeSight.Benchmarks.PingPong;

/// <summary>The message bounced between a pinger and its ponger: one shared instance, so the exchange allocates nothing.</summary>
public sealed class Ball
{
    public static readonly Ball Instance = new();

    private Ball() { }
}
