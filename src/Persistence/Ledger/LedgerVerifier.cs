using System.Globalization;
using System.Security.Cryptography;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Audits a ledger database without trusting anything stored in it except the data itself: every payload is
/// hashed again, every chain link recomputed, every checkpoint root rebuilt from the leaves and every signature
/// checked. Opens the file read-only and never writes. Reports the first problem with its sequence number.
/// </summary>
public static class LedgerVerifier
{
    private const string LeafRows = "SELECT sequence_number, leaf_hash, chain_hash FROM ledger_leaf ORDER BY sequence_number";

    private const string PayloadRows =
        "SELECT sequence_number, payload FROM journal WHERE persistence_id = '" + LedgerSchema.PersistenceId + "' ORDER BY sequence_number";

    /// <summary>Verifies the ledger in the database <paramref name="store"/> names.</summary>
    /// <param name="store">The database; opened read-only.</param>
    /// <param name="options">A trusted signing key, if any; <see cref="LedgerVerifierOptions.Default"/> when null.</param>
    /// <exception cref="PersistenceException">The file cannot be read, is not a SQLite database, or holds no ledger.</exception>
    public static LedgerVerification Verify(SqliteStoreOptions store, LedgerVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= LedgerVerifierOptions.Default;
        using SqliteDatabase database = SqliteDatabase.OpenReadOnly(store);
        return database.Run("verifying the ledger", () =>
        {
            LedgerReader.RequireLedgerTables(database);
            using SqliteTransaction snapshot = database.Connection.BeginTransaction(deferred: true);
            return new Audit(database, snapshot, options).Run();
        });
    }

    // One pass over the leaf table and the journal in sequence order, merged like a join.
    private sealed class Audit(SqliteDatabase database, SqliteTransaction transaction, LedgerVerifierOptions options)
    {
        private readonly MerkleFrontier _frontier = new();
        private readonly byte[] _chain = HashChain.Genesis.ToArray();
        private readonly byte[] _storedLeaf = new byte[MerkleHash.Size];
        private readonly byte[] _storedChain = new byte[MerkleHash.Size];
        private readonly byte[] _leaf = new byte[MerkleHash.Size];
        private byte[] _payload = new byte[4096];
        private long _entries;
        private long _hashed;
        private long _pruned;
        private int _checkpointsChecked;
        private int _signatures;
        private int _unsigned;
        private long _lastGoodCheckpoint;

        public LedgerVerification Run()
        {
            long prunedThrough = ScalarOrZero(LedgerSchema.PrunedThrough);
            List<LedgerCheckpoint> checkpoints = LedgerReader.ReadCheckpoints(database, transaction);
            int nextCheckpoint = 0;
            LedgerVerification? failure = CheckCheckpoints(checkpoints, ref nextCheckpoint);
            if (failure is not null)
            {
                return failure;
            }

            using SqliteCommand leaves = Command(LeafRows);
            using SqliteCommand payloads = Command(PayloadRows);
            using SqliteDataReader leafReader = leaves.ExecuteReader();
            using SqliteDataReader payloadReader = payloads.ExecuteReader();
            bool payloadAvailable = payloadReader.Read();
            while (leafReader.Read())
            {
                long sequence = leafReader.GetInt64(0);
                long expected = _entries + 1;
                if (sequence != expected)
                {
                    return Fail(LedgerProblem.RowDeleted, expected, $"entry {expected} is missing: the leaf rows jump from {_entries} to {sequence}");
                }

                if (!ReadHash(leafReader, 1, _storedLeaf) || !ReadHash(leafReader, 2, _storedChain))
                {
                    return Fail(LedgerProblem.ChainLinkAltered, sequence, $"entry {sequence} has a stored leaf or chain hash that is not 32 bytes");
                }

                while (payloadAvailable && payloadReader.GetInt64(0) < sequence)
                {
                    payloadAvailable = payloadReader.Read();
                }

                if (payloadAvailable && payloadReader.GetInt64(0) == sequence)
                {
                    failure = CheckPayload(payloadReader, sequence);
                    if (failure is not null)
                    {
                        return failure;
                    }

                    payloadAvailable = payloadReader.Read();
                }
                else if (sequence <= prunedThrough)
                {
                    _storedLeaf.CopyTo(_leaf, 0);
                    _pruned++;
                }
                else
                {
                    return Fail(
                        LedgerProblem.RowDeleted,
                        sequence,
                        $"the payload of entry {sequence} is gone although retention pruned only up to entry {prunedThrough}");
                }

                HashChain.Next(_chain, _leaf, _chain);
                if (!_chain.AsSpan().SequenceEqual(_storedChain))
                {
                    return Fail(LedgerProblem.ChainLinkAltered, sequence, $"the stored chain link of entry {sequence} is not SHA-256(previous link || leaf hash)");
                }

                _frontier.Append(_leaf);
                _entries++;
                failure = CheckCheckpoints(checkpoints, ref nextCheckpoint);
                if (failure is not null)
                {
                    return failure;
                }
            }

            if (payloadAvailable)
            {
                long orphan = payloadReader.GetInt64(0);
                return Fail(LedgerProblem.TailTruncated, _entries + 1, $"the journal holds entry {orphan} but the leaf rows end at entry {_entries}");
            }

            if (nextCheckpoint < checkpoints.Count)
            {
                long claimed = checkpoints[^1].TreeSize;
                return Fail(
                    LedgerProblem.TailTruncated,
                    _entries + 1,
                    $"checkpoint {checkpoints[nextCheckpoint].TreeSize} vouches for more entries than the {_entries} that remain (the last checkpoint covers {claimed})");
            }

            return new LedgerVerification(
                LedgerProblem.None, null, "every payload, chain link, checkpoint and signature verifies",
                _entries, _hashed, _pruned, _checkpointsChecked, _signatures, _unsigned);
        }

        private LedgerVerification? CheckPayload(SqliteDataReader reader, long sequence)
        {
            int length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (_payload.Length < length)
            {
                _payload = new byte[Math.Max(length, _payload.Length * 2)];
            }

            reader.GetBytes(1, 0, _payload, 0, length);
            ReadOnlySpan<byte> payload = _payload.AsSpan(0, length);
            MerkleHash.Leaf(payload, _leaf);
            _hashed++;
            long? written = LedgerEntryCodec.ReadSequence(payload);
            if (written != sequence)
            {
                return Fail(
                    LedgerProblem.RowsReordered,
                    sequence,
                    written is long other
                        ? $"entry {sequence} holds the payload written as entry {other}"
                        : $"the payload of entry {sequence} carries no sequence number");
            }

            if (!_leaf.AsSpan().SequenceEqual(_storedLeaf))
            {
                return Fail(LedgerProblem.PayloadAltered, sequence, $"the payload of entry {sequence} does not hash to its recorded leaf hash");
            }

            return null;
        }

        private LedgerVerification? CheckCheckpoints(List<LedgerCheckpoint> checkpoints, ref int next)
        {
            while (next < checkpoints.Count && checkpoints[next].TreeSize == _entries)
            {
                LedgerCheckpoint checkpoint = checkpoints[next];
                long from = _lastGoodCheckpoint + 1;
                if (!_frontier.Root().AsSpan().SequenceEqual(checkpoint.Root))
                {
                    return Fail(
                        LedgerProblem.CheckpointMismatch,
                        Math.Min(from, Math.Max(1, _entries)),
                        $"the Merkle root of entries 1..{_entries} differs from checkpoint {_entries}'s root: an entry from {from} to {_entries} was changed and rehashed");
                }

                if (!_chain.AsSpan().SequenceEqual(checkpoint.ChainHead))
                {
                    return Fail(
                        LedgerProblem.CheckpointMismatch,
                        Math.Min(from, Math.Max(1, _entries)),
                        $"the chain head after entry {_entries} differs from checkpoint {_entries}'s chain head");
                }

                _checkpointsChecked++;
                LedgerVerification? signature = CheckSignature(checkpoint);
                if (signature is not null)
                {
                    return signature;
                }

                _lastGoodCheckpoint = _entries;
                next++;
            }

            if (next < checkpoints.Count && checkpoints[next].TreeSize < _entries)
            {
                // Unreachable for sizes read in order; kept so a duplicate or negative size can never be skipped silently.
                return Fail(LedgerProblem.CheckpointMismatch, checkpoints[next].TreeSize, $"checkpoint {checkpoints[next].TreeSize} was not reached in order");
            }

            return null;
        }

        private LedgerVerification? CheckSignature(LedgerCheckpoint checkpoint)
        {
            long at = Math.Max(1, checkpoint.TreeSize);
            if (checkpoint.Signature is null || checkpoint.PublicKey is null)
            {
                _unsigned++;
                return options.TrustedKey is null
                    ? null
                    : Fail(LedgerProblem.SignatureInvalid, at, $"checkpoint {checkpoint.TreeSize} is not signed, but a signing key is trusted");
            }

            using ECDsa stored = ECDsa.Create();
            try
            {
                stored.ImportSubjectPublicKeyInfo(checkpoint.PublicKey, out _);
            }
            catch (CryptographicException)
            {
                return Fail(LedgerProblem.SignatureInvalid, at, $"checkpoint {checkpoint.TreeSize} stores a public key that is not a valid SubjectPublicKeyInfo");
            }

            if (options.TrustedKey is not null
                && !options.TrustedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(checkpoint.PublicKey))
            {
                return Fail(LedgerProblem.SignatureInvalid, at, $"checkpoint {checkpoint.TreeSize} is signed with another key than the trusted one");
            }

            if (!checkpoint.VerifySignature(stored))
            {
                return Fail(LedgerProblem.SignatureInvalid, at, $"the signature of checkpoint {checkpoint.TreeSize} does not verify");
            }

            _signatures++;
            return null;
        }

        private LedgerVerification Fail(LedgerProblem problem, long sequence, string reason) =>
            new(problem, sequence, reason, _entries, _hashed, _pruned, _checkpointsChecked, _signatures, _unsigned);

        // A NULL reads as zero bytes, so the length check also rejects it.
        private static bool ReadHash(SqliteDataReader reader, int ordinal, byte[] destination) =>
            reader.GetBytes(ordinal, 0, null, 0, 0) == MerkleHash.Size
            && reader.GetBytes(ordinal, 0, destination, 0, MerkleHash.Size) == MerkleHash.Size;

        private SqliteCommand Command(string sql)
        {
            SqliteCommand command = database.Prepare(sql);
            command.Transaction = transaction;
            return command;
        }

        private long ScalarOrZero(string sql)
        {
            using SqliteCommand command = Command(sql);
            object? value = command.ExecuteScalar();
            return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
    }
}
