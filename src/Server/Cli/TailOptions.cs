namespace CodeSight.Server.Cli;

/// <summary>What <c>codesight tail</c> was asked for.</summary>
internal sealed record TailOptions
{
    /// <summary>The server's URL as typed (<c>--url</c>), or null to find it (<c>CODESIGHT_URL</c>, discovery file, default port).</summary>
    public string? Url { get; init; }

    /// <summary>The token (<c>--token</c>), or null for the discovery file's or <c>CODESIGHT_TOKEN</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Item kinds to show (<c>signal, observation, alert, trail</c>); empty for all.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Modalities to show; empty for any.</summary>
    public IReadOnlyList<string> Modalities { get; init; } = [];

    /// <summary>Trail ids to show; empty for any.</summary>
    public IReadOnlyList<string> Trails { get; init; } = [];

    /// <summary>Sight points to show; empty for any.</summary>
    public IReadOnlyList<string> Points { get; init; } = [];

    /// <summary>A case-insensitive substring of the probe, root or target name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>Stop after this many live items; null runs until Ctrl+C.</summary>
    public int? Count { get; init; }

    /// <summary>Print the raw protocol frames as NDJSON instead of readable lines.</summary>
    public bool Json { get; init; }

    /// <summary>How many of the server's recent items to print first.</summary>
    public int Backlog { get; init; } = 10;

    /// <summary>What is wrong with these options, naming the option, or null when they are usable.</summary>
    public string? Problem()
    {
        foreach (var kind in Kinds)
        {
            if (kind is not ("signal" or "observation" or "alert" or "trail")) return $"--kind: '{kind}' is not an item kind; expected signal, observation, alert or trail.";
        }

        foreach (var modality in Modalities)
        {
            if (!Contracts.Observations.Modalities.TryParse(modality, out _)) return $"--modality: '{modality}' is not a modality; expected text_generation, code_execution, vision_processing, simulation, inference, planning or tool_calling.";
        }

        foreach (var trail in Trails)
        {
            if (!Contracts.Ids.TrailId.TryParse(trail, out _)) return $"--trail: '{trail}' is not a trail id (32 lowercase hex characters).";
        }

        if (Count is < 1) return $"--count: {Count} must be at least 1.";
        if (Backlog < 0) return $"--backlog: {Backlog} must not be negative.";
        return null;
    }
}
