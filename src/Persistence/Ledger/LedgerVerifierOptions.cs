using System.Security.Cryptography;

namespace CodeSight.Persistence.Ledger;

/// <summary>What <see cref="LedgerVerifier"/> demands beyond recomputing every hash.</summary>
public sealed record LedgerVerifierOptions
{
    /// <summary>Verify against the stored hashes only, trusting whichever key signed each checkpoint.</summary>
    public static LedgerVerifierOptions Default { get; } = new();

    /// <summary>
    /// The public key checkpoints must be signed with. When set, a checkpoint signed with another key, or not
    /// signed at all, is a <see cref="LedgerProblem.SignatureInvalid"/>. When null, signatures are checked
    /// against the key stored beside them, which proves integrity but not who signed.
    /// </summary>
    public ECDsa? TrustedKey { get; init; }
}
