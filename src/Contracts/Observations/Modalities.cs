namespace CodeSight.Contracts.Observations;

/// <summary>The snake_case wire names of <see cref="Modality"/>.</summary>
public static class Modalities
{
    private static readonly string[] Names =
        ["text_generation", "code_execution", "vision_processing", "simulation", "inference", "planning", "tool_calling"];

    /// <summary>The wire name of a modality.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined modality.</exception>
    public static string WireName(Modality modality) =>
        (uint)modality < (uint)Names.Length
            ? Names[(int)modality]
            : throw new ArgumentOutOfRangeException(nameof(modality), modality, $"{(int)modality} is not a modality.");

    /// <summary>Parses a wire name (exact, lowercase).</summary>
    /// <exception cref="FormatException">Not a modality; the message lists the valid names.</exception>
    public static Modality Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var modality)
            ? modality
            : throw new FormatException($"\"{text}\" is not a modality; expected one of {string.Join(", ", Names)}.");

    /// <summary>Parses a wire name (exact, lowercase) without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Modality modality)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.SequenceEqual(Names[i]))
            {
                modality = (Modality)i;
                return true;
            }
        }

        modality = default;
        return false;
    }
}
