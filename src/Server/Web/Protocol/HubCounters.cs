namespace CodeSight.Server.Web.Protocol;

/// <summary>The server's own counts at one moment, as reported in <c>stats.server</c>.</summary>
/// <param name="Clients">Connected clients.</param>
/// <param name="Dropped">Messages dropped for slow clients since start, all clients together.</param>
/// <param name="Ingested">Ingest items accepted.</param>
/// <param name="IngestRejected">Ingest messages rejected as invalid.</param>
/// <param name="Commands">Commands applied.</param>
internal readonly record struct HubCounters(int Clients, long Dropped, long Ingested, long IngestRejected, long Commands);
