namespace CodeSight.Engine.Sinks;

/// <summary>A sink's answer to <see cref="FlushSink"/>: everything it received before was written and flushed.</summary>
/// <param name="Written">The sink's written total at that moment.</param>
public sealed record SinkFlushed(long Written);
