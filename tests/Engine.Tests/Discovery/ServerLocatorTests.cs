using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CodeSight.Engine.Discovery;
using CodeSight.Engine.Tests.Sinks.Support;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Discovery;

public sealed class ServerLocatorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Dictionary<string, string> _environment = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheUrlVariableWinsAndTheTokenComesFromTheTokenVariable()
    {
        _environment["CODESIGHT_URL"] = "ws://127.0.0.1:9999/ws";
        _environment["CODESIGHT_TOKEN"] = "token-from-the-environment";
        WriteDiscoveryFile(Environment.ProcessId, 1234, "token-from-the-file");

        var location = await ServerLocator.LocateAsync(Options());

        Assert.Equal(ServerSource.Environment, location.Source);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), location.Url);
        Assert.Equal(new Uri("ws://127.0.0.1:9999/ws"), location.WebSocketUrl);
        Assert.Equal("token-from-the-environment", location.Token);
    }

    [Fact]
    public async Task AnUnusableUrlVariableIsReportedInsteadOfSearchingElsewhere()
    {
        _environment["CODESIGHT_URL"] = "ftp://somewhere";
        WriteDiscoveryFile(Environment.ProcessId, 1234, "token-from-the-file");

        var location = await ServerLocator.LocateAsync(Options());

        Assert.False(location.Found);
        Assert.Contains("CODESIGHT_URL is 'ftp://somewhere'", location.Describe());
    }

    [Fact]
    public async Task ADiscoveryFileOfALiveProcessGivesItsUrlAndToken()
    {
        var path = WriteDiscoveryFile(Environment.ProcessId, 4321, "token-from-the-file");

        var location = await ServerLocator.LocateAsync(Options());

        Assert.Equal(ServerSource.DiscoveryFile, location.Source);
        Assert.Equal(new Uri("http://127.0.0.1:4321/"), location.Url);
        Assert.Equal("token-from-the-file", location.Token);
        Assert.Contains(path, location.Describe());
    }

    [Fact]
    public async Task AStaleDiscoveryFileIsIgnoredAndNamedAndTheSearchGoesOn()
    {
        var deadPid = await ExitedProcessIdAsync();
        var stale = WriteDiscoveryFile(deadPid, 4321, "stale-token");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var location = await ServerLocator.LocateAsync(Options() with { DefaultPort = port });

        Assert.Equal(ServerSource.DefaultPort, location.Source);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), location.Url);
        Assert.Contains($"Ignored the stale discovery file {stale}: its process {deadPid} is not running.", location.Notes);
        Assert.Null(location.Token);
    }

    [Fact]
    public async Task TheNewestLiveDiscoveryFileIsChosenAndABrokenOneIsNamed()
    {
        var older = WriteDiscoveryFile(Environment.ProcessId, 1111, "older", name: "server-1.json");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddMinutes(-5));
        WriteDiscoveryFile(Environment.ProcessId, 2222, "newer", name: "server-2.json");
        var broken = _folder.File("server-3.json");
        File.WriteAllText(broken, "{ not json");
        File.SetLastWriteTimeUtc(broken, DateTime.UtcNow.AddMinutes(1));

        var location = await ServerLocator.LocateAsync(Options());

        Assert.Equal(new Uri("http://127.0.0.1:2222/"), location.Url);
        Assert.Equal("newer", location.Token);
        Assert.Contains(location.Notes, note => note.StartsWith($"Ignored the discovery file {broken}: not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDefaultPortIsUsedWhenSomethingAnswersThereWithTheTokenVariable()
    {
        _environment["CODESIGHT_TOKEN"] = "token-from-the-environment";
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var location = await ServerLocator.LocateAsync(Options() with { DiscoveryDirectory = _folder.File("absent"), DefaultPort = port });

        Assert.Equal(ServerSource.DefaultPort, location.Source);
        Assert.Equal("token-from-the-environment", location.Token);
        Assert.Contains($"No discovery folder at {_folder.File("absent")}.", location.Notes);
    }

    [Fact]
    public async Task NothingFoundAnswersNoneAndSaysWhereItLooked()
    {
        var port = LoopbackPorts.Closed();

        var location = await ServerLocator.LocateAsync(Options() with { DefaultPort = port });

        Assert.Equal(ServerSource.None, location.Source);
        Assert.False(location.Found);
        Assert.Null(location.WebSocketUrl);
        Assert.Equal(
            ["CODESIGHT_URL is not set.", $"No discovery file in {_folder.Path}.", $"Nothing answers on 127.0.0.1:{port}."],
            location.Notes);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8765", "http://127.0.0.1:8765/")]
    [InlineData("ws://localhost:8765/ws", "http://localhost:8765/")]
    [InlineData("wss://ops.example.com/codesight/ws", "https://ops.example.com/codesight/")]
    [InlineData("127.0.0.1:9000", "http://127.0.0.1:9000/")]
    public void UrlsAreReadAsTheServersBaseUrl(string typed, string expected) =>
        Assert.Equal(new Uri(expected), ServerLocator.ParseUrl(typed));

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://")]
    public void UrlsOfOtherSchemesOrWithoutAHostAreRefused(string typed) => Assert.Null(ServerLocator.ParseUrl(typed));

    private ServerLocatorOptions Options() => new()
    {
        Environment = name => _environment.GetValueOrDefault(name),
        DiscoveryDirectory = _folder.Path,
        DefaultPort = 0,
    };

    private string WriteDiscoveryFile(int pid, int port, string token, string? name = null)
    {
        var path = _folder.File(name ?? $"server-{pid}.json");
        File.WriteAllText(path, $$"""{"protocol":1,"pid":{{pid}},"port":{{port}},"url":"http://127.0.0.1:{{port}}/","ws":"ws://127.0.0.1:{{port}}/ws","token":"{{token}}"}""");
        return path;
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
