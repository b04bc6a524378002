using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// A lock-free token bucket: admits at most <c>burst</c> trails at once and refills at
/// <c>trailsPerSecond</c>. Implemented as the equivalent "virtual scheduling" form of the bucket: one
/// 64-bit theoretical arrival time updated by compare-and-swap, so concurrent verdicts never take a lock.
/// </summary>
public sealed class RateLimitGate : ISamplingGate, IHashedGate
{
    private readonly TimeProvider _clock;

    // Timestamp ticks one admission costs, and how far ahead of "now" the schedule may run (burst x cost).
    private readonly long _cost;
    private readonly long _tolerance;

    // The time at which the bucket would be full again; only ever moved forward with Interlocked.
    private long _fullAt;

    /// <summary>Creates a rate limit.</summary>
    /// <param name="trailsPerSecond">The sustained rate; positive and finite.</param>
    /// <param name="burst">How many trails may pass at once when the bucket is full; at least 1 and finite.</param>
    /// <param name="clock">The clock; <see cref="TimeProvider.System"/> when null (tests pass a fake one).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate or burst out of range; the message names it.</exception>
    public RateLimitGate(double trailsPerSecond, double burst, TimeProvider? clock = null)
    {
        if (!double.IsFinite(trailsPerSecond) || trailsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trailsPerSecond), trailsPerSecond, "The rate must be a positive, finite number of trails per second.");
        }

        if (!double.IsFinite(burst) || burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst must be a finite number of at least 1 trail.");
        }

        _clock = clock ?? TimeProvider.System;
        // A rate faster than the clock resolution would cost zero ticks and admit everything: cost at least 1.
        _cost = Math.Max(1, (long)Math.Round(_clock.TimestampFrequency / trailsPerSecond));
        _tolerance = (long)Math.Min(long.MaxValue / 4, burst * _cost);
        _fullAt = long.MinValue;
        TrailsPerSecond = trailsPerSecond;
        Burst = burst;
    }

    /// <summary>The sustained rate.</summary>
    public double TrailsPerSecond { get; }

    /// <summary>The bucket size.</summary>
    public double Burst { get; }

    // The bucket does not look at the id.
    bool IHashedGate.Verdict(TrailId id, uint idHash) => Verdict(id);

    /// <inheritdoc/>
    public bool Verdict(TrailId id)
    {
        var now = _clock.GetTimestamp();
        while (true)
        {
            var fullAt = Volatile.Read(ref _fullAt);
            // A bucket that was full at some past time is simply full now: tokens beyond the burst are lost.
            var next = Math.Max(fullAt, now) + _cost;
            if (next - now > _tolerance)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _fullAt, next, fullAt) == fullAt)
            {
                return true;
            }
        }
    }
}
