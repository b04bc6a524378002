using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
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

    // One pass over the leaf table and the journal in sequence order: a reader thread reads the rows and copies the
    // payloads (LeafRowReader); this one hashes them, chains, builds the Merkle frontier and checks the checkpoints.
    private sealed class Audit(SqliteDatabase database, SqliteTransaction transaction, LedgerVerifierOptions options)
    {
        private readonly MerkleFrontier _frontier = new();
        private readonly byte[] _chain = HashChain.Genesis.ToArray();
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

            // Native statements read the blobs in place: no data reader per row, no copy of any payload.
            using var leafReader = new SqliteStatement(database.Connection, LeafRows);
            using var payloadReader = new SqliteStatement(database.Connection, PayloadRows);
            try
            {
                return Scan(leafReader, payloadReader, checkpoints, nextCheckpoint, prunedThrough);
            }
            finally
            {
                leafReader.Reset();
                payloadReader.Reset();
            }
        }

        private LedgerVerification Scan(
            SqliteStatement leafReader, SqliteStatement payloadReader, List<LedgerCheckpoint> checkpoints, int nextCheckpoint, long prunedThrough)
        {
            // Two batches in flight and one being filled keep both cores busy without letting the reader run far ahead.
            using var full = new BlockingCollection<LeafBatch>();
            using var empty = new BlockingCollection<LeafBatch>();
            for (int i = 0; i < 3; i++)
            {
                empty.Add(new LeafBatch());
            }

            var reader = new LeafRowReader(leafReader, payloadReader, prunedThrough, full, empty);
            var thread = new Thread(reader.Run) { IsBackground = true, Name = "codesight-ledger-verify-reader" };
            thread.Start();
            LedgerVerification? result = null;
            bool sawLast = false;
            try
            {
                while (!sawLast)
                {
                    LeafBatch batch = full.Take();
                    sawLast = batch.IsLast;
                    result ??= Check(batch, checkpoints, ref nextCheckpoint);
                    if (result is not null)
                    {
                        // Found a problem of our own: let the reader stop at its next batch.
                        reader.Cancel();
                    }

                    batch.Reset();
                    empty.Add(batch);
                }
            }
            finally
            {
                // Also when a check threw: take what the reader still sends until its last batch, so it never waits forever.
                reader.Cancel();
                while (!sawLast)
                {
                    LeafBatch batch = full.Take();
                    sawLast = batch.IsLast;
                    batch.Reset();
                    empty.Add(batch);
                }

                thread.Join();
            }

            return result ?? Finish(checkpoints, nextCheckpoint);
        }

        private LedgerVerification? Check(LeafBatch batch, List<LedgerCheckpoint> checkpoints, ref int nextCheckpoint)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                long sequence = batch.Sequences[i];
                switch (batch.States[i])
                {
                    case LeafState.Pruned:
                        _pruned++;
                        break;
                    case LeafState.PayloadCopied:
                        _hashed++;
                        if (!LeafRowReader.TryHashPayload(
                            batch.Payload(i), sequence, batch.Slot(batch.StoredLeaves, i), batch.Slot(batch.Leaves, i), out LedgerProblem problem, out string? reason))
                        {
                            return Fail(problem, sequence, reason);
                        }

                        break;
                    default:
                        _hashed++;
                        break;
                }

                HashChain.Next(_chain, batch.Slot(batch.Leaves, i), _chain);
                if (!_chain.AsSpan().SequenceEqual(batch.Slot(batch.StoredChains, i)))
                {
                    return Fail(LedgerProblem.ChainLinkAltered, sequence, $"the stored chain link of entry {sequence} is not SHA-256(previous link || leaf hash)");
                }

                _frontier.Append(batch.Slot(batch.Leaves, i));
                _entries++;
                LedgerVerification? failure = CheckCheckpoints(checkpoints, ref nextCheckpoint);
                if (failure is not null)
                {
                    return failure;
                }
            }

            if (batch.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            if (batch.Problem != LedgerProblem.None)
            {
                _hashed += batch.ProblemAfterHashing ? 1 : 0;
                return Fail(batch.Problem, batch.ProblemSequence, batch.ProblemReason!);
            }

            return null;
        }

        private LedgerVerification Finish(List<LedgerCheckpoint> checkpoints, int nextCheckpoint)
        {
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
