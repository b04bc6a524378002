using System.CommandLine;
using CodeSight.Server.Cli;

namespace CodeSight.Server;

/// <summary>The <c>codesight</c> command line.</summary>
public static class Program
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a failed verification.</summary>
    public const int VerificationFailed = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    public const int BadUsage = 2;

    /// <summary>Parses the command line and runs the chosen command.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("CodeSight: actor-model telemetry for simulations, games and AI agents.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(LedgerCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(TailCommand.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"codesight: {error.Message}");
            await Console.Error.WriteLineAsync("Run 'codesight --help' for usage.");
            return BadUsage;
        }
        return await parse.InvokeAsync();
    }
}
