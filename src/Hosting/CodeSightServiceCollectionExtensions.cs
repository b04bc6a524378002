using CodeSight.Actors;
using CodeSight.Engine;
using CodeSight.Engine.Recording;
using CodeSight.Hosting.Configuration;
using CodeSight.Hosting.Logging;
using CodeSight.Hosting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CodeSight.Hosting;

/// <summary><c>services.AddCodeSight(...)</c>: CodeSight in a .NET generic host (see docs/hosting.md).</summary>
public static class CodeSightServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CodeSight runtime configured in code: singletons <see cref="ActorSystem"/>,
    /// <see cref="CodeSightEngine"/>, <see cref="Recorder"/> and <see cref="CodeSightRuntime"/>, and a hosted service
    /// that starts them with the host and stops them gracefully with it (flushing the sinks and the ledger).
    /// Invalid options fail the host's start with a message naming the key and value.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options; null keeps every default of reference.conf.</param>
    public static IServiceCollection AddCodeSight(this IServiceCollection services, Action<CodeSightOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CodeSightOptions>();
        if (configure is not null) options.Configure(configure);
        return AddRuntime(services, CodeSightOptions.SectionName);
    }

    /// <summary>
    /// Registers the CodeSight runtime as <see cref="AddCodeSight(IServiceCollection, Action{CodeSightOptions}?)"/> does,
    /// with options bound from <paramref name="configuration"/>, typically
    /// <c>builder.Configuration.GetSection("CodeSight")</c>; <paramref name="configure"/> runs after the binding.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section holding <see cref="CodeSightOptions"/>' properties.</param>
    /// <param name="configure">Sets options after binding, or null.</param>
    public static IServiceCollection AddCodeSight(this IServiceCollection services, IConfiguration configuration, Action<CodeSightOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<CodeSightOptions>().Bind(configuration);
        if (configure is not null) options.Configure(configure);
        return AddRuntime(services, configuration is IConfigurationSection section ? section.Path : CodeSightOptions.SectionName);
    }

    private static IServiceCollection AddRuntime(IServiceCollection services, string section)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CodeSightOptions>>(new CodeSightOptionsValidator(section)));
        services.TryAddSingleton<LogRelay>();
        services.TryAddSingleton(static provider => provider.GetRequiredService<LogRelay>().Counters);
        services.TryAddSingleton(provider =>
        {
            var runtime = CodeSightRuntime.Start(provider.GetRequiredService<IOptions<CodeSightOptions>>().Value, section);
            provider.GetRequiredService<LogRelay>().Attach(runtime);
            return runtime;
        });
        services.TryAddSingleton(static provider => provider.GetRequiredService<CodeSightRuntime>().System);
        services.TryAddSingleton(static provider => provider.GetRequiredService<CodeSightRuntime>().Engine);
        services.TryAddSingleton(static provider => provider.GetRequiredService<CodeSightRuntime>().Recorder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CodeSightHostedService>());
        return services;
    }
}
