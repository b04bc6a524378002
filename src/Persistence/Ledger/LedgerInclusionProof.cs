namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Proof that entry <see cref="Sequence"/> is leaf <c>Sequence - 1</c> of the tree of size <see cref="TreeSize"/>
/// whose root is <see cref="Root"/>. Check it with <see cref="Merkle.MerkleProofVerifier.VerifyInclusion"/> or the
/// shell script in docs/ledger.md.
/// </summary>
/// <param name="Sequence">The entry.</param>
/// <param name="TreeSize">The tree size the proof is for.</param>
/// <param name="LeafHash">The entry's leaf hash.</param>
/// <param name="Root">The root of the first <see cref="TreeSize"/> entries.</param>
/// <param name="Hashes">The audit path, leaf to root.</param>
public sealed record LedgerInclusionProof(long Sequence, long TreeSize, byte[] LeafHash, byte[] Root, IReadOnlyList<byte[]> Hashes);
