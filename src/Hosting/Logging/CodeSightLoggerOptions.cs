using CodeSight.Contracts.Observations;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// Options of the CodeSight logger provider; bound from <c>Logging:CodeSight</c> as well as set in code. The usual
/// <c>Logging:CodeSight:LogLevel</c> filters apply on top of <see cref="MinimumLevel"/>.
/// </summary>
public sealed class CodeSightLoggerOptions
{
    /// <summary>Entries below this level are not recorded (<c>IsEnabled</c> is false for them). Default information.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;

    /// <summary>Whether the states of <c>BeginScope</c> are recorded, as the observation's <c>scopes</c> field. Default true.</summary>
    public bool IncludeScopes { get; set; } = true;

    /// <summary>The modality of the log observations. Default simulation, as for manual logs.</summary>
    public Modality Modality { get; set; } = Modality.Simulation;
}
