using CodeSight.Actors.Configuration;
using OpenTelemetry.Exporter;

namespace CodeSight.Otlp.Tests;

public sealed class OtlpSettingsTests
{
    [Fact]
    public void TheDefaultsAreThoseOfReferenceConf()
    {
        var settings = new OtlpSettings(ConfigurationFactory.Load());

        Assert.False(settings.Enabled);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.Protocol);
        Assert.Equal(new Uri("http://localhost:4318/v1/traces"), settings.Endpoint);
        Assert.Empty(settings.Headers);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Timeout);
        Assert.Equal("codesight", settings.ServiceName);
        Assert.Equal(512, settings.MaxBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.FlushInterval);
        Assert.Equal(2048, settings.MaxQueueSize);
    }

    [Fact]
    public void GrpcDefaultsToTheCollectorsGrpcPortAndKeepsAGivenEndpointAsIs()
    {
        Assert.Equal(new Uri("http://localhost:4317"), Read("protocol = grpc").Endpoint);
        Assert.Equal(new Uri("https://collector:4317/"), Read("protocol = grpc\nendpoint = \"https://collector:4317\"").Endpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, Read("protocol = grpc").Protocol);
    }

    [Fact]
    public void AnHttpEndpointWithoutAPathGetsTheTracesPath()
    {
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), Read("endpoint = \"http://collector:4318\"").Endpoint);
        Assert.Equal(new Uri("http://collector/custom/traces"), Read("endpoint = \"http://collector/custom/traces\"").Endpoint);
    }

    [Theory]
    [InlineData("protocol = thrift", "codesight.otlp.protocol")]
    [InlineData("endpoint = \"collector:4318\"", "codesight.otlp.endpoint")]
    [InlineData("endpoint = \"ftp://collector\"", "codesight.otlp.endpoint")]
    [InlineData("timeout = 0s", "codesight.otlp.timeout")]
    [InlineData("max-batch-size = 0", "codesight.otlp.max-batch-size")]
    [InlineData("max-queue-size = 0", "codesight.otlp.max-queue-size")]
    [InlineData("flush-interval = -1s", "codesight.otlp.flush-interval")]
    [InlineData("service-name = \"\"", "codesight.otlp.service-name")]
    [InlineData("headers { \"x-list\" = \"a,b\" }", "codesight.otlp.headers.x-list")]
    public void ABadValueIsRefusedNamingItsPath(string hocon, string path)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(hocon));

        Assert.StartsWith(path + ":", error.Message);
    }

    [Fact]
    public void HeadersGivenInCodeAreCheckedToo()
    {
        var error = Assert.Throws<ArgumentException>(() => new OtlpSettings { Headers = new Dictionary<string, string> { ["a=b"] = "c" } });

        Assert.Contains("\"a=b\"", error.Message);
    }

    private static OtlpSettings Read(string hocon) =>
        new(ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.otlp {\n" + hocon + "\n}")));
}
