using System.Diagnostics;
using CodeSight.Persistence;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Server.Web.Ledger;

/// <summary>
/// The ledger panel over the SQLite ledger a <see cref="LedgerActor"/> writes: status from a fresh read-only
/// <see cref="LedgerReader"/> per request, verification by <see cref="LedgerVerifier"/>, both off the request thread.
/// </summary>
public sealed class SqliteLedgerView : ILedgerView
{
    private readonly SqliteStoreOptions _store;
    private readonly string _path;

    /// <summary>Shows the ledger configured by <paramref name="settings"/>.</summary>
    public SqliteLedgerView(LedgerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _store = settings.StoreOptions();
        _path = Path.GetFullPath(settings.Path);
    }

    /// <inheritdoc />
    public Task<LedgerStatus> StatusAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        if (!File.Exists(_path)) return new LedgerStatus(_path, 0, null, null, null);
        try
        {
            using var reader = LedgerReader.Open(_store);
            var last = reader.Size == 0 ? null : reader.Query(new LedgerQuery { FromSequence = reader.Size, ToSequence = reader.Size, Limit = 1 }).FirstOrDefault();
            var checkpoint = reader.Checkpoints().LastOrDefault();
            return new LedgerStatus(_path, reader.Size, last is null ? null : Convert.ToHexStringLower(last.ChainHash),
                checkpoint?.TreeSize, checkpoint is null ? null : Convert.ToHexStringLower(checkpoint.Root));
        }
        catch (PersistenceException)
        {
            // The actor has not created its tables yet: an empty ledger, as far as the panel can tell.
            return new LedgerStatus(_path, 0, null, null, null);
        }
    }, cancellationToken);

    /// <inheritdoc />
    public Task<LedgerCheck> VerifyAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var verification = LedgerVerifier.Verify(_store);
            return new LedgerCheck(verification.IsValid, verification.EntriesChecked, verification.IsValid ? null : verification.Reason, clock.Elapsed.TotalMilliseconds);
        }
        catch (PersistenceException e)
        {
            return new LedgerCheck(false, 0, "The ledger could not be read: " + e.Message, clock.Elapsed.TotalMilliseconds);
        }
    }, cancellationToken);
}
