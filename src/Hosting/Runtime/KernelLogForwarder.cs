using CodeSight.Actors;
using CodeSight.Actors.Events;
using Microsoft.Extensions.Logging;
using KernelLevel = CodeSight.Actors.Events.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace CodeSight.Hosting.Runtime;

/// <summary>
/// Hands the kernel's <see cref="LogEvent"/>s (an actor failed, a scheduled action threw) to the host's logging, under
/// the category <see cref="Category"/>. That category belongs to the library, so the CodeSight logger provider never
/// turns these entries back into observations: a failing engine actor cannot feed itself. The hosted service subscribes
/// it to the event stream when it creates it, so that nothing logged right after start is missed.
/// </summary>
internal sealed class KernelLogForwarder(ILogger logger) : ActorBase
{
    /// <summary>The category the kernel's events are logged under.</summary>
    public const string Category = "CodeSight.Actors.Kernel";

    /// <summary>The forwarder's name under <c>/system</c>.</summary>
    public const string ActorName = "codesight-log-forwarder";

    // Also subscribed by the hosted service when it creates the forwarder; this covers a restart (subscribing twice is a no-op).
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(LogEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    protected override bool Receive(object message)
    {
        if (message is not LogEvent entry) return false;
        logger.Log(LevelOf(entry.Level), entry.Cause, "{Source}: {Message}", entry.Source, entry.Message);
        return true;
    }

    private static LogLevel LevelOf(KernelLevel level) => level switch
    {
        KernelLevel.Debug => LogLevel.Debug,
        KernelLevel.Info => LogLevel.Information,
        KernelLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
