using CodeSight.Actors;
using CodeSight.Persistence.Ledger;
using CodeSight.Server.Web.Ledger;

namespace CodeSight.Server.Cli;

/// <summary>
/// The ledger <c>codesight serve --ledger</c> journals into: the ledger actor, subscribed to the system's closed probes
/// and observations, and the read-only view the dashboard's ledger panel shows and verifies. (<c>demo</c> gets its
/// ledger from <c>CodeSightRuntime</c>, as a generic host does.)
/// </summary>
internal sealed class HostLedger
{
    private HostLedger(IActorRef actor, SqliteLedgerView view, string path)
    {
        Actor = actor;
        View = view;
        Path = path;
    }

    /// <summary>The ledger actor.</summary>
    public IActorRef Actor { get; }

    /// <summary>What the dashboard's ledger panel reads.</summary>
    public SqliteLedgerView View { get; }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <summary>Starts journaling <paramref name="system"/>'s events into the ledger at <paramref name="path"/> (created or continued).</summary>
    public static HostLedger Start(ActorSystem system, string path)
    {
        var settings = LedgerSettings.FromConfig(system.Settings.Config) with { Path = path };
        var actor = LedgerActor.Start(system, settings, new LedgerCounters());
        return new HostLedger(actor, new SqliteLedgerView(settings), path);
    }

    /// <summary>Stops the ledger actor, which writes its last batch first.</summary>
    public Task StopAsync() => Actor.GracefulStop(TimeSpan.FromSeconds(10));
}
