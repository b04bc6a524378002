namespace CodeSight.Persistence.Merkle;

/// <summary>Outcome of checking a Merkle proof: valid, or invalid with the reason it was rejected.</summary>
public readonly struct ProofVerification
{
    private ProofVerification(bool isValid, string? reason)
    {
        IsValid = isValid;
        Reason = reason;
    }

    /// <summary>The accepted outcome.</summary>
    public static ProofVerification Valid { get; } = new(true, null);

    /// <summary>True when the proof shows what it claims.</summary>
    public bool IsValid { get; }

    /// <summary>Why the proof was rejected; <see langword="null"/> when it is valid.</summary>
    public string? Reason { get; }

    /// <summary>A rejected outcome.</summary>
    /// <param name="reason">Why the proof fails, phrased for an auditor.</param>
    public static ProofVerification Invalid(string reason) => new(false, reason);

    /// <summary>Lets a verification be used directly as a condition.</summary>
    /// <param name="verification">The outcome.</param>
    public static implicit operator bool(ProofVerification verification) => verification.IsValid;

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : $"invalid: {Reason}";
}
