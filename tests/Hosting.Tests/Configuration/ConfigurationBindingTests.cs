using CodeSight.Engine.Sinks;
using CodeSight.Hosting.Runtime;
using CodeSight.Hosting.Tests.Support;
using CodeSight.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CodeSight.Hosting.Tests.Configuration;

public sealed class ConfigurationBindingTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task EverySettingBoundFromAnInMemorySectionReachesTheRuntime()
    {
        var ledger = _scratch.PathOf("bound.db");
        var ndjson = _scratch.PathOf("bound.ndjson");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CodeSight:SystemName"] = "bound-system",
            ["CodeSight:SamplingRatio"] = "0.25",
            ["CodeSight:Ledger:Enabled"] = "true",
            ["CodeSight:Ledger:Path"] = ledger,
            ["CodeSight:Ledger:Synchronous"] = "full",
            ["CodeSight:Sinks:File"] = "true",
            ["CodeSight:Sinks:FilePath"] = ndjson,
            ["CodeSight:Settings:codesight.engine.trail.idle-timeout"] = "7s",
            ["CodeSight:Hocon"] = "codesight.engine.sampling.rate-limit = 50",
        }).Build();

        var runtime = await StartAsync(services => services.AddCodeSight(configuration.GetSection("CodeSight")));
        await using var _ = runtime;

        Assert.Equal("bound-system", runtime.System.Name);
        Assert.Equal(0.25, runtime.Engine.Settings.SamplingRatio);
        Assert.Equal(TimeSpan.FromSeconds(7), runtime.Engine.Settings.IdleTimeout);
        Assert.Equal(50, runtime.Engine.Settings.RateLimit);
        Assert.Equal(ledger, runtime.LedgerSettings!.Path);
        Assert.Equal(SqliteSynchronous.Full, runtime.LedgerSettings.Synchronous);
        Assert.Equal(ConfiguredSinks.FileName, Assert.Single(runtime.Sinks).Path.Name);
        Assert.Equal(ndjson, new SinkSettings(runtime.System.Settings.Config).File.Path);
    }

    [Fact]
    public async Task ConfigureRunsAfterBindingAndTypedOptionsWinOverHocon()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CodeSight:SamplingRatio"] = "0.5",
            ["CodeSight:Hocon"] = "codesight.engine.sampling.ratio = 0.1\ncodesight.engine.trail.reap-interval = 3s",
        }).Build();

        var runtime = await StartAsync(services => services.AddCodeSight(configuration.GetSection("CodeSight"), options => options.SamplingRatio = 0.75));
        await using var _ = runtime;

        Assert.Equal(0.75, runtime.Engine.Settings.SamplingRatio);
        Assert.Equal(TimeSpan.FromSeconds(3), runtime.Engine.Settings.ReapInterval);
        Assert.Empty(runtime.Sinks);
        Assert.Null(runtime.Ledger);
    }

    [Fact]
    public async Task AHoconFileIsLayeredUnderTheHoconStringAndOverReferenceConf()
    {
        var file = _scratch.PathOf("codesight.conf");
        await File.WriteAllTextAsync(file, "codesight.engine.trail.idle-timeout = 9s\ncodesight.engine.trail.reap-interval = 2s\n");

        var runtime = await StartAsync(services => services.AddCodeSight(options =>
        {
            options.HoconFile = file;
            options.Hocon = "codesight.engine.trail.idle-timeout = 11s";
        }));
        await using var _ = runtime;

        Assert.Equal(TimeSpan.FromSeconds(11), runtime.Engine.Settings.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), runtime.Engine.Settings.ReapInterval);
        Assert.Equal(10_000, runtime.Engine.Settings.SignalReaderCapacity);
    }

    [Fact]
    public async Task TheRecorderEngineAndSystemAreTheRuntimesOwnSingletons()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCodeSight();
        using var host = builder.Build();
        await host.StartAsync();

        var runtime = host.Services.GetRequiredService<CodeSightRuntime>();
        Assert.Same(runtime.System, host.Services.GetRequiredService<CodeSight.Actors.ActorSystem>());
        Assert.Same(runtime.Engine, host.Services.GetRequiredService<CodeSight.Engine.CodeSightEngine>());
        Assert.Same(runtime.Recorder, host.Services.GetRequiredService<CodeSight.Engine.Recording.Recorder>());
        Assert.True(runtime.IsRunning);
        await host.StopAsync();
        Assert.False(runtime.IsRunning);
        Assert.True(runtime.System.WhenTerminated.IsCompleted);
    }

    private static async Task<CodeSightRuntime> StartAsync(Action<IServiceCollection> register)
    {
        var builder = Host.CreateApplicationBuilder();
        register(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host.Services.GetRequiredService<CodeSightRuntime>();
    }
}
