using CodeSight.Hosting.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

namespace CodeSight.Hosting;

/// <summary><c>logging.AddCodeSight()</c>: log entries as CodeSight observations (see docs/hosting.md).</summary>
public static class CodeSightLoggingBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="CodeSightLoggerProvider"/>: each entry at or above
    /// <see cref="CodeSightLoggerOptions.MinimumLevel"/> becomes a log observation of the runtime that
    /// <c>services.AddCodeSight(...)</c> starts, linked to the current probe when there is one. Options are bound from
    /// <c>Logging:CodeSight</c> and may be set with <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The host's logging builder.</param>
    /// <param name="configure">Sets the provider's options, or null.</param>
    public static ILoggingBuilder AddCodeSight(this ILoggingBuilder builder, Action<CodeSightLoggerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddConfiguration();
        builder.Services.TryAddSingleton<LogRelay>();
        builder.Services.TryAddSingleton(static provider => provider.GetRequiredService<LogRelay>().Counters);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, CodeSightLoggerProvider>(
            static provider => new CodeSightLoggerProvider(provider.GetRequiredService<LogRelay>(), provider.GetRequiredService<IOptionsMonitor<CodeSightLoggerOptions>>())));
        LoggerProviderOptions.RegisterProviderOptions<CodeSightLoggerOptions, CodeSightLoggerProvider>(builder.Services);
        if (configure is not null) builder.Services.Configure(configure);
        return builder;
    }
}
