using CodeSight.Actors;

namespace CodeSight.Hosting;

/// <summary>The sink part of <see cref="CodeSightOptions"/>; null properties keep the HOCON settings.</summary>
public sealed class CodeSightSinkOptions
{
    /// <summary>Whether the console sink runs (<c>codesight.engine.sinks.console.enabled</c>).</summary>
    public bool? Console { get; set; }

    /// <summary>Whether the NDJSON file sink runs (<c>codesight.engine.sinks.file.enabled</c>).</summary>
    public bool? File { get; set; }

    /// <summary>The NDJSON file's path (<c>codesight.engine.sinks.file.path</c>).</summary>
    public string? FilePath { get; set; }

    /// <summary>
    /// Further sinks the runtime starts after the configured ones and, on a graceful stop, flushes and stops with them:
    /// each factory is given the actor system and returns the sink's ref, or null to start nothing (for example
    /// <c>OtlpSink.StartConfigured</c> from the CodeSight.Otlp package, which starts only when <c>codesight.otlp.enabled</c>
    /// is on). A sink must answer <c>FlushSink</c> with <c>SinkFlushed</c>, as every <c>SinkActor</c> does: the runtime
    /// waits for that answer once at start, so the sink is subscribed before the first trail opens.
    /// </summary>
    public IList<Func<ActorSystem, IActorRef?>> Additional { get; } = new List<Func<ActorSystem, IActorRef?>>();
}
