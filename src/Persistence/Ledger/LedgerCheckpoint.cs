using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// A signed (or unsigned) statement of the ledger's state: its first <see cref="TreeSize"/> entries have Merkle
/// root <see cref="Root"/> and chain head <see cref="ChainHead"/>. One row of the <c>ledger_checkpoint</c> table.
/// </summary>
/// <param name="TreeSize">Number of entries covered.</param>
/// <param name="Root">RFC 9162 root of those entries, 32 bytes.</param>
/// <param name="ChainHead">Hash chain link of the last covered entry (the genesis hash when empty), 32 bytes.</param>
/// <param name="Created">When it was written, epoch milliseconds.</param>
/// <param name="PublicKey">The signer's SubjectPublicKeyInfo (DER), or null when unsigned.</param>
/// <param name="Signature">ECDSA P-256 / SHA-256 signature over <see cref="SignedMessage"/>, DER (RFC 3279), or null.</param>
public sealed record LedgerCheckpoint(long TreeSize, byte[] Root, byte[] ChainHead, long Created, byte[]? PublicKey, byte[]? Signature)
{
    /// <summary>First line of every signed message; names the format.</summary>
    public const string MessageHeader = "codesight-ledger-checkpoint-v1";

    /// <summary>True when the checkpoint carries a signature.</summary>
    public bool IsSigned => Signature is not null;

    /// <summary>
    /// The exact bytes signed: ASCII lines, each ended by <c>\n</c>: the header, the tree size in decimal, the
    /// root and the chain head as lowercase hex, and the creation time in decimal epoch milliseconds.
    /// </summary>
    public byte[] SignedMessage() => Message(TreeSize, Root, ChainHead, Created);

    /// <summary>Checks the signature against <paramref name="key"/>; false when unsigned or when it does not verify.</summary>
    /// <param name="key">The signer's public key.</param>
    public bool VerifySignature(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Signature is not null
            && key.VerifyData(SignedMessage(), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Creates a checkpoint, signed when <paramref name="key"/> is given.</summary>
    /// <param name="treeSize">Number of entries covered.</param>
    /// <param name="root">Their Merkle root.</param>
    /// <param name="chainHead">Their chain head.</param>
    /// <param name="created">Epoch milliseconds.</param>
    /// <param name="key">A P-256 private key, or null.</param>
    public static LedgerCheckpoint Create(long treeSize, byte[] root, byte[] chainHead, long created, ECDsa? key)
    {
        if (key is null)
        {
            return new LedgerCheckpoint(treeSize, root, chainHead, created, null, null);
        }

        byte[] signature = key.SignData(
            Message(treeSize, root, chainHead, created), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new LedgerCheckpoint(treeSize, root, chainHead, created, key.ExportSubjectPublicKeyInfo(), signature);
    }

    private static byte[] Message(long treeSize, byte[] root, byte[] chainHead, long created) =>
        Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{MessageHeader}\n{treeSize}\n{Convert.ToHexStringLower(root)}\n{Convert.ToHexStringLower(chainHead)}\n{created}\n"));
}
