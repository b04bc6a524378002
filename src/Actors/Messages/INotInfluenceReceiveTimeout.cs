namespace CodeSight.Actors;

/// <summary>Marks messages whose arrival does not reset the receiving actor's receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;
