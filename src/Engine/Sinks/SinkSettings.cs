using CodeSight.Actors.Configuration;

namespace CodeSight.Engine.Sinks;

/// <summary>The sinks' settings, read from <c>codesight.engine.sinks</c> (every key is documented in reference.conf).</summary>
public sealed class SinkSettings
{
    /// <summary>The configuration path of the bounded mailbox every sink gets.</summary>
    public const string MailboxId = "codesight.engine.sinks.mailbox";

    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public SinkSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sinks = config.GetConfig("codesight.engine.sinks");
        MailboxCapacity = sinks.GetInt("mailbox-capacity");
        if (MailboxCapacity < 1) throw new ConfigurationException($"codesight.engine.sinks.mailbox-capacity: {MailboxCapacity} must be at least 1.");
        ConsoleEnabled = sinks.GetBoolean("console.enabled");
        FileEnabled = sinks.GetBoolean("file.enabled");
        var path = sinks.GetString("file.path");
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigurationException("codesight.engine.sinks.file.path: the file sink needs a path.");
        var maxBytes = sinks.GetByteSize("file.max-bytes");
        if (maxBytes < 1) throw new ConfigurationException($"codesight.engine.sinks.file.max-bytes: {maxBytes} must be at least 1 byte.");
        var keep = sinks.GetInt("file.keep");
        if (keep < 1) throw new ConfigurationException($"codesight.engine.sinks.file.keep: {keep} must be at least 1 (the current file).");
        var everyRecords = sinks.GetInt("file.flush.every-records");
        if (everyRecords < 0) throw new ConfigurationException($"codesight.engine.sinks.file.flush.every-records: {everyRecords} must be 0 (off) or more.");
        var interval = sinks.GetTimeSpan("file.flush.interval");
        if (interval < TimeSpan.Zero) throw new ConfigurationException($"codesight.engine.sinks.file.flush.interval: {interval} must be zero (off) or more.");
        File = new FileSinkOptions(path) { MaxBytes = maxBytes, Keep = keep, Flush = new FlushPolicy(everyRecords, interval) };
    }

    /// <summary>Signals a sink's mailbox holds before the newest is dropped.</summary>
    public int MailboxCapacity { get; }

    /// <summary>Whether <see cref="ConfiguredSinks.Start"/> starts a console sink.</summary>
    public bool ConsoleEnabled { get; }

    /// <summary>Whether <see cref="ConfiguredSinks.Start"/> starts a file sink.</summary>
    public bool FileEnabled { get; }

    /// <summary>The configured file sink's options.</summary>
    public FileSinkOptions File { get; }
}
