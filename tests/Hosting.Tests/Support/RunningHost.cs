using CodeSight.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>A started generic host with CodeSight and its logger provider, and a tap on its observations.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(IHost host)
    {
        Host = host;
        Runtime = host.Services.GetRequiredService<CodeSightRuntime>();
        Observations = new ObservationTap(Runtime.System);
    }

    public IHost Host { get; }

    public CodeSightRuntime Runtime { get; }

    public ObservationTap Observations { get; }

    public ILogger Logger(string category) => Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    public static async Task<RunningHost> StartAsync(Action<CodeSightOptions>? configure = null, Action<CodeSight.Hosting.Logging.CodeSightLoggerOptions>? logging = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddCodeSight(configure);
        builder.Logging.AddCodeSight(logging);
        var host = builder.Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
