using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Engine.Sight;
using CodeSight.Engine.Sinks;
using CodeSight.Hosting.Runtime;
using CodeSight.Persistence.Ledger;
using Microsoft.Extensions.Options;

namespace CodeSight.Hosting.Configuration;

/// <summary>
/// Checks <see cref="CodeSightOptions"/> when they are first read (at host start): the typed properties by their
/// configuration key, then every layer together by reading each settings class from the merged configuration, so a
/// bad value anywhere fails the start with a message naming its key and value instead of surfacing later.
/// </summary>
internal sealed class CodeSightOptionsValidator(string section) : IValidateOptions<CodeSightOptions>
{
    public ValidateOptionsResult Validate(string? name, CodeSightOptions options)
    {
        var failures = new List<string>();
        CheckTyped(options, failures);
        if (failures.Count == 0) CheckMerged(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckTyped(CodeSightOptions options, List<string> failures)
    {
        var systemName = options.SystemName;
        if (string.IsNullOrEmpty(systemName) || !systemName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add($"{section}:SystemName = '{systemName}': an actor system name needs letters, digits, '-' or '_' only.");
        }

        if (options.SamplingRatio is { } ratio && !(ratio >= 0 && ratio <= 1))
        {
            failures.Add($"{section}:SamplingRatio = {ratio}: the sampling ratio is a fraction from 0 to 1.");
        }

        if (options.Ledger.Synchronous is { } synchronous && !synchronous.Equals("normal", StringComparison.OrdinalIgnoreCase) && !synchronous.Equals("full", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:Ledger:Synchronous = '{synchronous}': must be normal or full.");
        }

        if (options.Ledger.Path is { } path && string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{section}:Ledger:Path is blank; give the ledger's SQLite file or leave it unset.");
        }

        if (options.Sinks.FilePath is { } filePath && string.IsNullOrWhiteSpace(filePath))
        {
            failures.Add($"{section}:Sinks:FilePath is blank; give the NDJSON file or leave it unset.");
        }
    }

    private void CheckMerged(CodeSightOptions options, List<string> failures)
    {
        try
        {
            var config = ConfigurationFactory.Load(OptionsConfig.Build(options, section));
            _ = new ActorSystemSettings(config);
            _ = new EngineSettings(config);
            _ = new SinkSettings(config);
            _ = new SightSettings(config);
            if (new HostingSettings(config).Ledger)
            {
                var ledger = LedgerSettings.FromConfig(config);
                var folder = Path.GetDirectoryName(Path.GetFullPath(ledger.Path));
                if (folder is not null && !Directory.Exists(folder))
                {
                    failures.Add($"codesight.ledger.path = '{ledger.Path}': the folder '{folder}' does not exist.");
                }
            }
        }
        catch (ConfigurationException e)
        {
            failures.Add(e.Message);
        }
    }
}
