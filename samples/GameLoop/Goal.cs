namespace GameLoop;

/// <summary>What an entity decided to do this frame.</summary>
public enum Goal
{
    /// <summary>Walk towards the current target.</summary>
    Move,

    /// <summary>Work at the target; costs energy and may fail.</summary>
    Work,

    /// <summary>Recover energy.</summary>
    Rest,
}
