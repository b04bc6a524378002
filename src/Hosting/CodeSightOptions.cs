using CodeSight.Engine;
using CodeSight.Engine.Discovery;

namespace CodeSight.Hosting;

/// <summary>
/// What <c>services.AddCodeSight(...)</c> starts. The typed properties are shortcuts for the most used settings;
/// every setting of <c>hocon/reference.conf</c> can be given through <see cref="Settings"/>, <see cref="Hocon"/> or
/// <see cref="HoconFile"/>. Layers, highest first: the typed properties, <see cref="Settings"/>, <see cref="Hocon"/>,
/// <see cref="HoconFile"/>, reference.conf. A property left null keeps whatever the lower layers say.
/// </summary>
public sealed class CodeSightOptions
{
    /// <summary>The configuration section <c>AddCodeSight(configuration)</c> is usually given: <c>CodeSight</c>.</summary>
    public const string SectionName = "CodeSight";

    /// <summary>The actor system's name: letters, digits, <c>-</c> and <c>_</c>. Default <c>codesight</c>.</summary>
    public string SystemName { get; set; } = "codesight";

    /// <summary>Head sampling: the fraction of trails admitted, from 0 to 1 (<c>codesight.engine.sampling.ratio</c>).</summary>
    public double? SamplingRatio { get; set; }

    /// <summary>The ledger: whether it runs, where and how durably it writes.</summary>
    public CodeSightLedgerOptions Ledger { get; set; } = new();

    /// <summary>Which of the configured sinks run.</summary>
    public CodeSightSinkOptions Sinks { get; set; } = new();

    /// <summary>
    /// Whether to look for a running CodeSight server at start (<c>CODESIGHT_URL</c>, the discovery file of
    /// <c>codesight serve</c>, then 127.0.0.1:8765) and forward to it beside the host's own sinks and ledger
    /// (<c>codesight.hosting.forward</c>). With no server found the host records embedded only.
    /// </summary>
    public bool? ForwardToServer { get; set; }

    /// <summary>What the server search of <see cref="ForwardToServer"/> reads; null for the real environment. Not bound from configuration.</summary>
    public ServerLocatorOptions? ServerLocator { get; set; }

    /// <summary>
    /// Any other setting, keyed by its full HOCON path with a HOCON value, e.g.
    /// <c>["codesight.engine.trail.idle-timeout"] = "10s"</c>. In JSON configuration:
    /// <c>"Settings": { "codesight.engine.trail.idle-timeout": "10s" }</c>.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>HOCON text layered under the typed properties and <see cref="Settings"/>.</summary>
    public string? Hocon { get; set; }

    /// <summary>A HOCON file layered under <see cref="Hocon"/>.</summary>
    public string? HoconFile { get; set; }

    /// <summary>Code-only overrides of the engine (clock, gate, redactor, tail policy); not bound from configuration.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>Where the console sink writes, when it runs; null for standard output. Not bound from configuration.</summary>
    public TextWriter? ConsoleOut { get; set; }
}
