using System.CommandLine;
using CodeSight.Actors.Configuration;
using CodeSight.Hosting;
using CodeSight.Hosting.Runtime;
using CodeSight.Server.Web;
using CodeSight.Server.Web.Ledger;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight serve</c>: the live server alone, with an engine of its own and no simulation, for hosts in other
/// processes or languages that stream probes and observations to it with <c>ingest</c> (docs/protocol.md). Runs
/// until Ctrl+C or <c>--duration</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string?>("--host", "--bind") { Description = "Address to bind (default from codesight.server.host: 127.0.0.1). Off loopback every connection needs the token." };
        var port = new Option<int?>("--port") { Description = "Port (default from codesight.server.port: 8765); 0 picks a free one." };
        var token = new Option<string?>("--token") { Description = "The token for ingest and commands, at least 16 characters; default: codesight.server.token, or a fresh random one." };
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON file with settings (codesight.server.*, codesight.engine.*)." };
        var duration = new Option<double?>("--duration") { Description = "Seconds to run; default: until Ctrl+C." };
        var ledger = new Option<FileInfo?>("--ledger", "--db") { Description = "Journal what hosts ingest into this SQLite ledger (created or continued); the dashboard's ledger panel shows and verifies it. Default: no ledger." };
        var command = new Command("serve", "Run the live dashboard and WebSocket server for hosts in other processes.")
        {
            host, port, token, config, duration, ledger,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var seconds = parse.GetValue(duration);
            if (seconds is <= 0) return Fail("--duration must be positive.");
            ServerSettings settings;
            var file = parse.GetValue(config);
            try
            {
                if (file is { Exists: false }) return Fail($"--config: the file '{file.FullName}' does not exist.");
                var loaded = ConfigurationFactory.Load(file is null ? null : ConfigurationFactory.ParseString(await File.ReadAllTextAsync(file.FullName, cancel), file.FullName));
                settings = ServerSettings.FromConfig(loaded);
            }
            catch (ConfigurationException e)
            {
                return Fail(e.Message);
            }

            settings = settings with
            {
                Host = parse.GetValue(host) ?? settings.Host,
                Port = parse.GetValue(port) ?? settings.Port,
                Token = parse.GetValue(token) ?? settings.Token,
            };
            if (settings.Problem() is { } problem) return Fail("--" + problem);
            var ledgerFile = parse.GetValue(ledger);
            if (ledgerFile is { Directory.Exists: false }) return Fail($"--ledger: the folder '{ledgerFile.DirectoryName}' does not exist.");
            return await RunAsync(file?.FullName, settings, seconds, Console.Out, cancel, ledgerFile?.FullName);
        });
        return command;
    }

    /// <summary>
    /// Runs the server until <paramref name="cancel"/> or <paramref name="seconds"/>; returns the exit code. The engine,
    /// the sinks switched on in <paramref name="configFile"/> and, with <paramref name="ledgerPath"/>, the ledger that
    /// journals everything the engine records (ingest included) run in a <see cref="CodeSightRuntime"/>, as in a
    /// generic host: the stop drains running trails, flushes the sinks and the ledger, and reports what it could not.
    /// </summary>
    public static async Task<int> RunAsync(string? configFile, ServerSettings settings, double? seconds, TextWriter output, CancellationToken cancel, string? ledgerPath = null)
    {
        CodeSightRuntime runtime;
        try
        {
            runtime = CodeSightRuntime.Start(new CodeSightOptions
            {
                SystemName = "codesight-serve",
                HoconFile = configFile,
                Ledger = { Enabled = ledgerPath is not null, Path = ledgerPath },
            }, "codesight serve");
        }
        catch (ConfigurationException e)
        {
            return Fail(e.Message);
        }

        DashboardServer server;
        try
        {
            var view = runtime.LedgerSettings is { } ledger ? new SqliteLedgerView(ledger) : null;
            server = await DashboardServer.StartAsync(runtime.Engine, settings, view, cancel);
        }
        catch (IOException e)
        {
            await runtime.StopAsync(CancellationToken.None);
            return Fail(e.Message + " Choose another port with --port (0 picks a free one).");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (seconds is { } s) stop.CancelAfter(TimeSpan.FromSeconds(s));
        Console.CancelKeyPress += OnCancel;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }

        try
        {
            await output.WriteLineAsync($"codesight serve: dashboard {server.UrlWithToken}");
            await output.WriteLineAsync($"websocket: {server.WebSocketUrl} (protocol v1, docs/protocol.md)");
            if (server.DiscoveryPath is { } path) await output.WriteLineAsync($"discovery file: {path}");
            if (runtime.LedgerSettings is { } ledger) await output.WriteLineAsync($"ledger: {ledger.Path} (what hosts ingest is journaled there)");
            await output.WriteLineAsync("Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or --duration: stop cleanly.
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            await server.DisposeAsync();
            // Drains running trails, flushes the sinks and the ledger (its last batch), terminates the system.
            var report = await runtime.StopAsync(CancellationToken.None);
            foreach (var problem in report.Problems)
            {
                await output.WriteLineAsync("codesight serve: " + problem);
            }
        }

        return Program.Ok;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("codesight serve: " + message);
        return Program.BadUsage;
    }
}
