using CodeSight.Actors.Events;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Redaction;
using CodeSight.Engine.Sampling;

namespace CodeSight.Engine.Trails;

/// <summary>What every trail actor of one engine shares: immutable settings and thread-safe services.</summary>
internal sealed class TrailContext(
    EventStream events,
    IEngineClock clock,
    SecretRedactor redactor,
    EngineCounters counters,
    TailSamplingPolicy? tailPolicy,
    TimeSpan idleTimeout,
    int shards)
{
    public EventStream Events { get; } = events;
    public IEngineClock Clock { get; } = clock;
    public SecretRedactor Redactor { get; } = redactor;
    public EngineCounters Counters { get; } = counters;
    public TailSamplingPolicy? TailPolicy { get; } = tailPolicy;
    public long IdleTimeoutMicros { get; } = idleTimeout.Ticks / 10;

    /// <summary>Running trails by id, with the link to the shard that holds each, so messages and <c>Scope</c> can find them.</summary>
    public TrailRegistry Running { get; } = new(shards);
}
