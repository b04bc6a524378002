namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Proof that the ledger of <see cref="FirstSize"/> entries is a prefix of the ledger of <see cref="SecondSize"/>
/// entries: nothing before was changed, only entries appended. Check it with
/// <see cref="Merkle.MerkleProofVerifier.VerifyConsistency"/>.
/// </summary>
/// <param name="FirstSize">The earlier tree size.</param>
/// <param name="SecondSize">The later tree size.</param>
/// <param name="FirstRoot">Root of the earlier tree.</param>
/// <param name="SecondRoot">Root of the later tree.</param>
/// <param name="Hashes">The RFC 9162 consistency proof.</param>
public sealed record LedgerConsistencyProof(long FirstSize, long SecondSize, byte[] FirstRoot, byte[] SecondRoot, IReadOnlyList<byte[]> Hashes);
