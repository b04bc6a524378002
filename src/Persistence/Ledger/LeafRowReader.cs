using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The verifier's reading half: walks the leaf table and the ledger's journal rows in sequence order (merged
/// like a join) and hands the entries on in <see cref="LeafBatch"/>es, so that on a machine with two cores SQLite
/// runs beside the hashing of the checking half. The reader copies each payload into the batch for the checking
/// thread to hash, and hashes only payloads too large for the batch's copy budget itself: SHA-256 on two threads at
/// once slows both down (a one-shot 65-byte hash took 0.80 us per thread instead of 0.46 us; the cause lies inside
/// .NET's OpenSSL binding and was not pinned down), and measured on two cores, splitting the hashes between the
/// threads made verification slower and erratic, not faster. Stops at the first problem it can see
/// on its own (a gap, a malformed hash, a moved or altered payload it hashed, a payload gone without retention,
/// journal rows past the last leaf).
/// </summary>
internal sealed class LeafRowReader(
    SqliteStatement leafRows, SqliteStatement payloadRows, long prunedThrough, BlockingCollection<LeafBatch> full, BlockingCollection<LeafBatch> empty)
{
    private volatile bool _cancelled;

    /// <summary>Asks the reader to stop at its next batch (the checker found a problem of its own).</summary>
    public void Cancel() => _cancelled = true;

    public void Run()
    {
        LeafBatch? batch = empty.Take();
        try
        {
            Read(ref batch);
        }
        catch (Exception exception)
        {
            batch ??= new LeafBatch();
            batch.Error = exception;
            batch.IsLast = true;
        }
        finally
        {
            full.Add(batch ?? new LeafBatch { IsLast = true });
        }
    }

    private void Read(ref LeafBatch? batch)
    {
        long entries = 0;
        bool payloadAvailable = payloadRows.Read();
        while (leafRows.Read())
        {
            if (batch!.IsFull)
            {
                // Handed over exactly once: whatever happens next, Run must not send it again.
                LeafBatch sent = batch;
                batch = null;
                full.Add(sent);
                batch = _cancelled ? new LeafBatch { IsLast = true } : empty.Take();
                if (batch.IsLast)
                {
                    return;
                }
            }

            long sequence = leafRows.Int64(0);
            long expected = entries + 1;
            if (sequence != expected)
            {
                batch.Fail(LedgerProblem.RowDeleted, expected, $"entry {expected} is missing: the leaf rows jump from {entries} to {sequence}");
                return;
            }

            int index = batch.Count;
            ReadOnlySpan<byte> storedLeaf = leafRows.Blob(1);
            ReadOnlySpan<byte> storedChain = leafRows.Blob(2);

            // A NULL reads as zero bytes, so the length check also rejects it.
            if (storedLeaf.Length != MerkleHash.Size || storedChain.Length != MerkleHash.Size)
            {
                batch.Fail(LedgerProblem.ChainLinkAltered, sequence, $"entry {sequence} has a stored leaf or chain hash that is not 32 bytes");
                return;
            }

            storedLeaf.CopyTo(batch.Slot(batch.StoredLeaves, index));
            storedChain.CopyTo(batch.Slot(batch.StoredChains, index));
            while (payloadAvailable && payloadRows.Int64(0) < sequence)
            {
                payloadAvailable = payloadRows.Read();
            }

            Span<byte> leaf = batch.Slot(batch.Leaves, index);
            if (payloadAvailable && payloadRows.Int64(0) == sequence)
            {
                ReadOnlySpan<byte> payload = payloadRows.Blob(1);
                if (batch.CanCopy(payload.Length))
                {
                    batch.CopyPayload(index, payload);
                }
                else
                {
                    batch.States[index] = LeafState.Hashed;
                    if (!TryHashPayload(payload, sequence, storedLeaf, leaf, out LedgerProblem problem, out string? reason))
                    {
                        batch.Fail(problem, sequence, reason, afterHashing: true);
                        return;
                    }
                }

                payloadAvailable = payloadRows.Read();
            }
            else if (sequence <= prunedThrough)
            {
                storedLeaf.CopyTo(leaf);
                batch.States[index] = LeafState.Pruned;
            }
            else
            {
                batch.Fail(
                    LedgerProblem.RowDeleted,
                    sequence,
                    $"the payload of entry {sequence} is gone although retention pruned only up to entry {prunedThrough}");
                return;
            }

            batch.Sequences[index] = sequence;
            batch.Count = index + 1;
            entries++;
        }

        if (payloadAvailable)
        {
            batch ??= new LeafBatch();
            long orphan = payloadRows.Int64(0);
            batch.Fail(LedgerProblem.TailTruncated, entries + 1, $"the journal holds entry {orphan} but the leaf rows end at entry {entries}");
            return;
        }

        batch ??= new LeafBatch();
        batch.IsLast = true;
    }

    /// <summary>
    /// Hashes one entry's payload into <paramref name="leaf"/> and checks that it is the payload written for
    /// <paramref name="sequence"/> and matches the stored leaf hash; the reader and the checking thread share it.
    /// </summary>
    public static bool TryHashPayload(
        ReadOnlySpan<byte> payload, long sequence, ReadOnlySpan<byte> storedLeaf, Span<byte> leaf, out LedgerProblem problem, [NotNullWhen(false)] out string? reason)
    {
        MerkleHash.Leaf(payload, leaf);
        long? written = LedgerEntryCodec.ReadSequence(payload);
        if (written != sequence)
        {
            problem = LedgerProblem.RowsReordered;
            reason = written is long other
                ? $"entry {sequence} holds the payload written as entry {other}"
                : $"the payload of entry {sequence} carries no sequence number";
            return false;
        }

        if (!leaf.SequenceEqual(storedLeaf))
        {
            problem = LedgerProblem.PayloadAltered;
            reason = $"the payload of entry {sequence} does not hash to its recorded leaf hash";
            return false;
        }

        problem = LedgerProblem.None;
        reason = null;
        return true;
    }
}
