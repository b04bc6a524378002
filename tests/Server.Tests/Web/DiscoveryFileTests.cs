using System.Text.Json;
using CodeSight.Server.Web;

namespace CodeSight.Server.Tests.Web;

public sealed class DiscoveryFileTests
{
    [Fact]
    public void WritesPidPortAndTokenReadableOnlyByTheOwnerAndDeletesThemOnDispose()
    {
        var directory = Path.Combine(Path.GetTempPath(), "codesight-discovery-" + Guid.NewGuid().ToString("n"));
        try
        {
            string path;
            using (var file = DiscoveryFile.Write("http://127.0.0.1:4321/", 4321, "secret-token-0123456789", directory))
            {
                path = file.Path;
                using var json = JsonDocument.Parse(File.ReadAllText(path));
                Assert.Equal(Environment.ProcessId, json.RootElement.GetProperty("pid").GetInt32());
                Assert.Equal(4321, json.RootElement.GetProperty("port").GetInt32());
                Assert.Equal("secret-token-0123456789", json.RootElement.GetProperty("token").GetString());
                Assert.Equal("ws://127.0.0.1:4321/ws", json.RootElement.GetProperty("ws").GetString());
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
                }
            }

            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
