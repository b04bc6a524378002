using CodeSight.Contracts.Observations;
using CodeSight.Server.Tests.Support;

namespace CodeSight.Server.Tests.Protocol;

public sealed class CommandTests
{
    [Fact]
    public async Task DisablingAPointStopsItsObservationsInTheHost()
    {
        await using var live = await LiveServer.StartAsync();
        var point = live.Engine.Sight.Point("lidar", Modality.VisionProcessing);
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""{"type":"command","id":"off","command":"disable_point","point":"lidar"}""");
        await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == "off");
        var sight = await client.ExpectAsync("sight");
        Assert.Contains(sight.GetProperty("points").EnumerateArray(), p => p.GetProperty("name").GetString() == "lidar" && !p.GetProperty("enabled").GetBoolean());
        point.Measure(_ => { });
        live.Engine.Sight.Log("marker", "after the lidar");
        // Items arrive in order: the marker log comes with no lidar observation before it.
        var next = await client.ExpectAsync("observation");
        Assert.Equal("log", next.GetProperty("sightPoint").GetString());
        Assert.Equal(1, live.Server.Hub.Published(CodeSight.Server.Web.Protocol.LiveKind.Observation));
    }

    [Fact]
    public async Task ASetThresholdMakesTheHostRaiseAlerts()
    {
        await using var live = await LiveServer.StartAsync();
        var point = live.Engine.Sight.Point("grip", Modality.Inference, ["slip"]);
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""{"type":"command","id":"t","command":"set_threshold","point":"grip","metric":"slip","value":0.5}""");
        await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == "t");
        Assert.Equal(0.5, live.Engine.Sight.ThresholdOf("grip", "slip")!.Value.Value);
        point.Measure(scope => scope.Metric("slip", 0.9));
        var alert = await client.ExpectAsync("alert");
        Assert.Equal("grip", alert.GetProperty("sightPoint").GetString());
        Assert.Equal(0.9, alert.GetProperty("value").GetDouble());
        Assert.Equal("inference", alert.GetProperty("modality").GetString());
    }

    [Fact]
    public async Task RejectsAThresholdOnAnUndeclaredMetricNamingTheMetricField()
    {
        await using var live = await LiveServer.StartAsync();
        live.Engine.Sight.Point("grip", Modality.Inference, ["slip"]);
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""{"type":"command","command":"set_threshold","point":"grip","metric":"traction","value":1}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("metric", error.GetProperty("field").GetString());
        Assert.Contains("does not declare", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ALogRuleSentAsACommandDropsMatchingLogLines()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""{"type":"command","id":"r","command":"set_log_rule","name":"quiet","action":"drop","contains":"chatter"}""");
        await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == "r");
        live.Engine.Sight.Log("radio", "idle chatter");
        live.Engine.Sight.Log("radio", "box box");
        var log = await client.ExpectAsync("observation");
        Assert.Equal("box box", log.GetProperty("payload").GetProperty("message").GetString());
        Assert.Equal(1, live.Engine.Sight.LogsDroppedByRules);
    }

    [Fact]
    public async Task RejectsAnUnknownCommandListingTheKnownOnes()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""{"type":"command","command":"reboot"}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("command", error.GetProperty("field").GetString());
        Assert.Contains("set_threshold", error.GetProperty("message").GetString());
    }
}
