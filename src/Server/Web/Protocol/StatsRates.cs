namespace CodeSight.Server.Web.Protocol;

/// <summary>Items streamed per second over the last stats interval, by kind.</summary>
internal readonly record struct StatsRates(double Signals, double Observations, double Alerts, double Trails);
