namespace CodeSight.Contracts.Observations;

/// <summary>What kind of work an observation describes; wire names in <see cref="Modalities"/>.</summary>
public enum Modality
{
    /// <summary>Wire name <c>text_generation</c>.</summary>
    TextGeneration,

    /// <summary>Wire name <c>code_execution</c>.</summary>
    CodeExecution,

    /// <summary>Wire name <c>vision_processing</c>.</summary>
    VisionProcessing,

    /// <summary>Wire name <c>simulation</c>.</summary>
    Simulation,

    /// <summary>Wire name <c>inference</c>.</summary>
    Inference,

    /// <summary>Wire name <c>planning</c>.</summary>
    Planning,

    /// <summary>Wire name <c>tool_calling</c>.</summary>
    ToolCalling,
}
