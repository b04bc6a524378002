using CodeSight.Actors;

namespace CodeSight.Engine.Sinks;

/// <summary>A sink announcing itself to <see cref="SinkHealth"/> before it subscribes to signals.</summary>
internal sealed record RegisterSink(IActorRef Sink, string Kind, SinkCounters Counters);
