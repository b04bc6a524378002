using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Merkle;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The ledger's recovery state after some entry: the Merkle frontier and the chain head. Stored (manifest
/// <c>codesight.ledger.frontier.v1</c>) as the serialised frontier followed by the 32-byte chain head (docs/ledger.md).
/// </summary>
internal sealed class LedgerSnapshot
{
    public LedgerSnapshot(MerkleFrontier frontier, ReadOnlySpan<byte> chainHead)
    {
        Frontier = frontier;
        ChainHead = chainHead.ToArray();
    }

    /// <summary>The empty ledger: no leaves, the genesis chain head.</summary>
    public static LedgerSnapshot Empty => new(new MerkleFrontier(), HashChain.Genesis);

    public MerkleFrontier Frontier { get; }

    public byte[] ChainHead { get; }

    public long Size => Frontier.Size;

    /// <summary>Reads a stored snapshot.</summary>
    /// <exception cref="FormatException">The bytes are too short, or the frontier part is malformed; the message says how.</exception>
    public static LedgerSnapshot FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MerkleHash.Size)
        {
            throw new FormatException($"it is {bytes.Length} bytes long, shorter than a chain head");
        }

        return new LedgerSnapshot(MerkleFrontier.FromBytes(bytes[..^MerkleHash.Size]), bytes[^MerkleHash.Size..]);
    }

    public byte[] ToBytes()
    {
        byte[] tree = Frontier.ToBytes();
        byte[] bytes = new byte[tree.Length + MerkleHash.Size];
        tree.CopyTo(bytes, 0);
        ChainHead.CopyTo(bytes, tree.Length);
        return bytes;
    }
}
