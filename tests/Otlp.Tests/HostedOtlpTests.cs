using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Hosting;
using CodeSight.Otlp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Otlp.Tests;

public sealed class HostedOtlpTests : IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task AGenericHostExportsItsTrailsAsSpansAndTheGracefulStopFlushesThem()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddCodeSight(options =>
        {
            // An hour between flushes and a batch larger than the trail: only the host's graceful stop can send it.
            options.Hocon = $$"""
                codesight.otlp {
                  enabled = on
                  endpoint = "{{_receiver.TracesEndpoint}}"
                  service-name = "hosted-agent"
                  flush-interval = 1h
                }
                """;
            options.Sinks.Additional.Add(OtlpSink.StartConfigured);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<Recorder>();

        ProbeHandle root, child;
        using (root = recorder.OpenTrail("episode"))
        {
            using (child = root.Child(ProbeKind.Tool, "search"))
            {
                child.Note("query", "rust");
            }
        }

        Assert.Equal(0, _receiver.Requests);
        await host.StopAsync();

        var export = await _receiver.NextAsync();
        var resource = Assert.Single(export.Request.ResourceSpans);
        Assert.Equal("hosted-agent", Spans.Attributes(resource.Resource.Attributes)["service.name"]);
        var spans = Spans.All(export.Request).ToDictionary(s => s.Name);
        Assert.Equal(2, spans.Count);
        Assert.Equal(root.TrailId.ToString(), Spans.Hex(spans["episode"].TraceId));
        Assert.Equal(root.Id.ToString(), Spans.Hex(spans["episode"].SpanId));
        Assert.Equal(root.TrailId.ToString(), Spans.Hex(spans["search"].TraceId));
        Assert.Equal(child.Id.ToString(), Spans.Hex(spans["search"].SpanId));
        Assert.Equal(root.Id.ToString(), Spans.Hex(spans["search"].ParentSpanId));
        Assert.Equal("rust", Spans.Attributes(spans["search"].Attributes)["query"]);
    }
}
