using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sight;

namespace GameLoop;

/// <summary>
/// The game's state and its one system: each fixed step every entity plans, then acts. Each frame is recorded as
/// one trail: a <c>frame</c> root probe, a <c>plan</c> probe per entity and, inside it, a probe for the action.
/// </summary>
public sealed class World
{
    private readonly Recorder _recorder;
    private readonly SightRegistry _sight;
    private readonly Random _random;
    private readonly Entity[] _entities;

    /// <summary>Creates the world; the same <paramref name="seed"/> plays the same game.</summary>
    public World(CodeSightEngine engine, int seed = 7, int entities = 4)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entities);
        _recorder = engine.Recorder;
        _sight = engine.Sight;
        _random = new Random(seed);
        _entities = Enumerable.Range(0, entities)
            .Select(i => new Entity($"unit{i}", x: _random.NextDouble() * 100, speed: 4 + i))
            .ToArray();
    }

    /// <summary>The entities, in the order they act.</summary>
    public IReadOnlyList<Entity> Entities => _entities;

    /// <summary>Frames stepped so far.</summary>
    public long Frame { get; private set; }

    /// <summary>Actions that failed so far.</summary>
    public int Failures { get; private set; }

    // <embed:game-loop-step>
    /// <summary>Advances the world by one fixed step, recording the frame as a trail.</summary>
    public void Step(TimeSpan step)
    {
        Frame++;
        using var frame = _recorder.OpenTrail("frame", ProbeKind.Run);
        frame.Note("frame", Frame);
        foreach (var entity in _entities)
        {
            using var plan = frame.Child(ProbeKind.Turn, "plan", new Dictionary<string, object?> { ["entity"] = entity.Name });
            var goal = entity.Plan();
            plan.Note("goal", goal.ToString());
            using var act = plan.Child(ProbeKind.Tool, goal.ToString());
            try
            {
                act.Note("amount", entity.Act(goal, step, _random));
            }
            catch (InvalidOperationException failure)
            {
                Failures++;
                act.Fail(failure); // recorded now; the probe closes with status error
            }
            act.Note("energy", entity.Energy);
        }
        _sight.Metric("world.output", _entities.Sum(e => e.Output), unit: "units", probe: frame);
    }
    // </embed:game-loop-step>
}
