using CodeSight.Actors;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>Tells a pinger to play one round against <paramref name="Ponger"/>.</summary>
public sealed record StartRound(PingPongRound Round, IActorRef Ponger);
