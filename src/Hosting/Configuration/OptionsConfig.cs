using System.Globalization;
using System.Text;
using CodeSight.Actors.Configuration;

namespace CodeSight.Hosting.Configuration;

/// <summary>
/// Turns <see cref="CodeSightOptions"/> into the user configuration an actor system is created with: the typed
/// properties over <see cref="CodeSightOptions.Settings"/> over <see cref="CodeSightOptions.Hocon"/> over
/// <see cref="CodeSightOptions.HoconFile"/> (reference.conf is added under all of them by the system).
/// </summary>
internal static class OptionsConfig
{
    /// <summary>Builds the layered user configuration, not yet resolved.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The configuration section the options came from, used to name a bad key.</param>
    /// <exception cref="ConfigurationException">A layer is not valid HOCON; the message names the key or origin.</exception>
    public static Config Build(CodeSightOptions options, string section)
    {
        var config = ConfigurationFactory.ParseString(Typed(options), $"{section} (typed options)");
        foreach (var (key, value) in options.Settings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            config = config.WithFallback(Setting(section, key, value));
        }

        if (!string.IsNullOrWhiteSpace(options.Hocon))
        {
            config = config.WithFallback(ConfigurationFactory.ParseString(options.Hocon, $"{section}:Hocon"));
        }

        if (!string.IsNullOrWhiteSpace(options.HoconFile))
        {
            if (!File.Exists(options.HoconFile))
            {
                throw new ConfigurationException($"{section}:HoconFile = '{options.HoconFile}': no such file.");
            }

            config = config.WithFallback(ConfigurationFactory.ParseFile(options.HoconFile));
        }

        return config;
    }

    private static Config Setting(string section, string key, string? value)
    {
        var origin = $"{section}:Settings:{key}";
        if (string.IsNullOrWhiteSpace(key) || key.Any(c => char.IsWhiteSpace(c) || c is '=' or ':' or '{' or '}' or '"'))
        {
            throw new ConfigurationException($"{origin}: '{key}' is not a HOCON path such as codesight.engine.trail.idle-timeout.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException($"{origin}: the value is empty; give a HOCON value such as 10s, on or \"text\".");
        }

        Config parsed;
        try
        {
            parsed = ConfigurationFactory.ParseString(key + " = " + value, origin);
        }
        catch (ConfigurationException e)
        {
            throw new ConfigurationException($"{origin} = '{value}' is not a valid HOCON value: {e.Message}");
        }

        return parsed;
    }

    private static string Typed(CodeSightOptions options)
    {
        var text = new StringBuilder();
        if (options.SamplingRatio is { } ratio)
        {
            Line(text, "codesight.engine.sampling.ratio", ratio.ToString("R", CultureInfo.InvariantCulture));
        }

        if (options.Ledger.Enabled is { } ledger) Line(text, "codesight.hosting.ledger", ledger ? "on" : "off");
        if (options.Ledger.Path is { } path) Line(text, "codesight.ledger.path", Quote(path));
        if (options.Ledger.Synchronous is { } synchronous) Line(text, "codesight.ledger.synchronous", Quote(synchronous));
        if (options.Sinks.Console is { } console) Line(text, "codesight.engine.sinks.console.enabled", console ? "on" : "off");
        if (options.Sinks.File is { } file) Line(text, "codesight.engine.sinks.file.enabled", file ? "on" : "off");
        if (options.Sinks.FilePath is { } filePath) Line(text, "codesight.engine.sinks.file.path", Quote(filePath));
        if (options.ForwardToServer is { } forward) Line(text, "codesight.hosting.forward", forward ? "on" : "off");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string path, string value) => text.Append(path).Append(" = ").Append(value).Append('\n');

    /// <summary>A HOCON quoted string: the JSON escapes, so paths with backslashes or quotes survive.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case < ' ': quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: quoted.Append(c); break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
