using System.Diagnostics;
using System.Text;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>The outcome of one <c>dotnet</c> child process: its command, exit code and interleaved output.</summary>
internal sealed record DotnetRun(string Command, int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    public static DotnetRun Start(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        StartProgram(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", workingDirectory, timeout, arguments);

    /// <summary>Runs <paramref name="program"/> (an installed .NET tool, say) the same way as <see cref="Start"/>.</summary>
    public static DotnetRun StartProgram(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Isolate(start.Environment);

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        var outputClosed = new TaskCompletionSource();
        var errorClosed = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => Append(output, e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, errorClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExit(timeout);
        if (!exited) process.Kill(entireProcessTree: true);
        // A build server started by the child may inherit its pipes and hold them open: wait for the end of the
        // output only briefly, since the timed WaitForExit above already saw the process itself end.
        Task.WaitAll([outputClosed.Task, errorClosed.Task], TimeSpan.FromSeconds(5));
        if (!exited) process.WaitForExit(TimeSpan.FromSeconds(10));

        string text;
        lock (output) text = output.ToString();
        return new DotnetRun($"{Path.GetFileName(program)} {string.Join(' ', arguments)} (in {workingDirectory})", exited ? process.ExitCode : -1, text, clock.Elapsed, !exited);
    }

    /// <summary>Whether it exited with 0 in time.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Everything a failure message needs: the command, how it ended, and its output.</summary>
    public string Report() =>
        $"{Command}\n{(TimedOut ? "timed out and was killed" : "exit code " + ExitCode)} after {Elapsed.TotalSeconds:F1} s; output:\n{Output}";

    /// <summary>Asserts a clean exit, with the whole output in the failure message.</summary>
    public DotnetRun EnsureSucceeded()
    {
        if (!Succeeded) throw new Xunit.Sdk.XunitException(Report());
        return this;
    }

    private static void Append(StringBuilder output, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (output) output.AppendLine(line);
    }

    // The test host runs under `dotnet test`, whose MSBuild and VSTest variables would leak into the child build and
    // point it at the outer build's state; the child must behave like a fresh command line.
    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DOTNET_CLI_TELEMETRY_SESSIONID", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Worker nodes left behind would outlive the test and hold its output pipes.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
    }
}
