using System.Diagnostics;

namespace GameLoop;

/// <summary>
/// A fixed-timestep game loop: the world always advances by the same <see cref="Step"/>, as many times as the wall
/// clock has moved on, so the simulation is the same on a fast or a slow machine.
/// </summary>
public sealed class FixedStepLoop
{
    // After this many steps in one catch-up the loop gives up on the backlog rather than spiral: a frame that
    // takes longer than a step would otherwise make every later iteration run more steps, forever.
    private const int MaxCatchUpSteps = 5;

    /// <summary>Creates a loop that advances by <paramref name="step"/>.</summary>
    public FixedStepLoop(TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        Step = step;
    }

    /// <summary>The fixed step.</summary>
    public TimeSpan Step { get; }

    /// <summary>How many times the loop fell so far behind the clock that it dropped the backlog.</summary>
    public int BacklogsDropped { get; private set; }

    /// <summary>Runs <paramref name="update"/> <paramref name="frames"/> times, paced to the wall clock.</summary>
    /// <returns>The frames run (fewer when cancelled) and the wall time taken.</returns>
    public (long Frames, TimeSpan Elapsed) Run(long frames, Action<TimeSpan> update, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var clock = Stopwatch.StartNew();
        var simulated = TimeSpan.Zero;
        long done = 0;
        while (done < frames && !cancel.IsCancellationRequested)
        {
            var steps = 0;
            while (done < frames && !cancel.IsCancellationRequested && simulated + Step <= clock.Elapsed)
            {
                update(Step);
                simulated += Step;
                done++;
                if (++steps == MaxCatchUpSteps && simulated + Step <= clock.Elapsed)
                {
                    simulated = clock.Elapsed;
                    BacklogsDropped++;
                    break;
                }
            }

            var idle = simulated + Step - clock.Elapsed;
            if (idle > TimeSpan.Zero) cancel.WaitHandle.WaitOne(idle);
        }

        return (done, clock.Elapsed);
    }
}
