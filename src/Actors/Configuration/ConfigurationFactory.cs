namespace CodeSight.Actors.Configuration;

/// <summary>Entry points that turn HOCON text, files and the embedded defaults into <see cref="Config"/>.</summary>
public static class ConfigurationFactory
{
    /// <summary>The manifest name under which hocon/reference.conf is embedded in this assembly.</summary>
    public const string ReferenceResourceName = "CodeSight.reference.conf";

    private static readonly Lazy<HoconObject> ReferenceRoot = new(LoadReference, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Parses HOCON text. Substitutions are left for <see cref="Config.Resolve"/> (or the first getter), so the
    /// result can still take a fallback they refer to. Relative includes start from the current directory.
    /// </summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="origin">A label for error messages, such as the text's source; <c>&lt;string&gt;</c> when null.</param>
    /// <exception cref="ConfigurationException">The text is not valid HOCON; the message names origin, line and column.</exception>
    public static Config ParseString(string text, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = HoconParser.Parse(text, origin ?? "<string>", Environment.CurrentDirectory);
        return new Config(root, isResolved: false);
    }

    /// <summary>Parses a HOCON file; its includes are relative to the file's directory.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or not valid HOCON.</exception>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read configuration file '{fullPath}': {ex.Message}", null, ex);
        }

        var directory = Path.GetDirectoryName(fullPath) ?? Environment.CurrentDirectory;
        return new Config(HoconParser.Parse(text, fullPath, directory, fullPath), isResolved: false);
    }

    /// <summary>
    /// The defaults of every setting: hocon/reference.conf as embedded in this assembly, parsed once and cached.
    /// Not resolved, so that user configuration can be laid over it first. Each call returns a new wrapper, so that
    /// every resolution reads environment variables (such as CODESIGHT_TEST_TIMEFACTOR) as they are now.
    /// </summary>
    public static Config Reference() => new(ReferenceRoot.Value, isResolved: false);

    /// <summary>
    /// The configuration an actor system runs with: <paramref name="user"/> over <see cref="Reference"/>, resolved.
    /// </summary>
    /// <exception cref="ConfigurationException">A substitution cannot be resolved or forms a cycle.</exception>
    public static Config Load(Config? user = null) => (user ?? Config.Empty).WithFallback(Reference()).Resolve();

    private static HoconObject LoadReference()
    {
        using var stream = typeof(ConfigurationFactory).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new InvalidOperationException($"the embedded resource '{ReferenceResourceName}' is missing from {typeof(ConfigurationFactory).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return HoconParser.Parse(reader.ReadToEnd(), "reference.conf", Environment.CurrentDirectory);
    }
}
