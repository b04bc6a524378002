namespace CodeSight.Server.Simulation;

/// <summary>Timer message: the agent takes its next turn.</summary>
internal sealed class AgentTick
{
    public static AgentTick Instance { get; } = new();
}
