namespace GameLoop;

/// <summary>One actor of the game world: a position on a line, an energy budget and a target to work at.</summary>
public sealed class Entity(string name, double x, double speed)
{
    private const double MaxEnergy = 100;

    /// <summary>The entity's name, used in probe names.</summary>
    public string Name { get; } = name;

    /// <summary>Position, in metres.</summary>
    public double X { get; private set; } = x;

    /// <summary>Where the entity works next.</summary>
    public double Target { get; private set; } = x;

    /// <summary>Energy left, 0 to 100.</summary>
    public double Energy { get; private set; } = MaxEnergy;

    /// <summary>Work done so far, in units.</summary>
    public double Output { get; private set; }

    /// <summary>Chooses this frame's goal from the entity's state alone.</summary>
    public Goal Plan() =>
        Energy < 20 ? Goal.Rest
        : Math.Abs(Target - X) > 0.5 ? Goal.Move
        : Goal.Work;

    /// <summary>Carries out <paramref name="goal"/> for one fixed step; throws when the work fails.</summary>
    /// <returns>The distance moved, the work done or the energy recovered.</returns>
    public double Act(Goal goal, TimeSpan step, Random random)
    {
        var dt = step.TotalSeconds;
        switch (goal)
        {
            case Goal.Move:
                var stride = Math.Min(speed * dt, Math.Abs(Target - X)) * Math.Sign(Target - X);
                X += stride;
                Energy -= 4 * dt;
                return stride;
            case Goal.Work:
                Energy -= 25 * dt;
                // A jammed tool: the step's work is lost, and the entity looks for another site.
                if (random.NextDouble() < 0.01)
                {
                    Target = random.NextDouble() * 100;
                    throw new InvalidOperationException($"{Name}'s tool jammed at x={X:F1}");
                }
                Output += dt;
                if (random.NextDouble() < 0.02) Target = random.NextDouble() * 100;
                return dt;
            default:
                var recovered = Math.Min(40 * dt, MaxEnergy - Energy);
                Energy += recovered;
                return recovered;
        }
    }
}
