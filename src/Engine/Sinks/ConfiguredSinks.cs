using CodeSight.Actors;

namespace CodeSight.Engine.Sinks;

/// <summary>Starts the sinks that <c>codesight.engine.sinks</c> switches on.</summary>
public static class ConfiguredSinks
{
    /// <summary>The console sink's actor name (under <c>/user</c>).</summary>
    public const string ConsoleName = "codesight-console-sink";

    /// <summary>The file sink's actor name (under <c>/user</c>).</summary>
    public const string FileName = "codesight-file-sink";

    /// <summary>
    /// Starts every enabled sink in <paramref name="system"/> and returns their refs (empty when none is enabled).
    /// Call it once per system: a second call fails because the actor names are taken. It returns once every sink has
    /// started and subscribed (one flush round trip each, at most 10 s), so call it at start-up, not from inside an actor.
    /// </summary>
    /// <param name="system">The system whose configuration and event stream the sinks use.</param>
    /// <param name="console">Where the console sink writes; default standard output.</param>
    /// <param name="additional">
    /// Further sinks to start after the configured ones: each factory is given the system and returns the sink's ref, or
    /// null to start nothing. A sink must answer <see cref="FlushSink"/> with <see cref="SinkFlushed"/>, as every
    /// <see cref="SinkActor"/> does.
    /// </param>
    /// <exception cref="CodeSight.Actors.Configuration.ConfigurationException">A sink setting is invalid.</exception>
    public static IReadOnlyList<IActorRef> Start(ActorSystem system, TextWriter? console = null, IEnumerable<Func<ActorSystem, IActorRef?>>? additional = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var settings = new SinkSettings(system.Settings.Config);
        var started = new List<IActorRef>(2);
        if (settings.ConsoleEnabled)
        {
            started.Add(system.ActorOf(ConsoleSink.Props(console), ConsoleName));
        }

        if (settings.FileEnabled)
        {
            started.Add(system.ActorOf(FileSink.Props(settings.File), FileName));
        }

        foreach (var start in additional ?? [])
        {
            if (start(system) is { } sink) started.Add(sink);
        }

        // A sink subscribes in its PreStart, which runs later on a pool thread: one flush round trip per sink makes
        // sure it is subscribed before this returns, so what a host records right after start reaches it.
        foreach (var sink in started)
        {
            sink.Ask<SinkFlushed>(FlushSink.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }

        return started;
    }
}
