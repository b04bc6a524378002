using System.Diagnostics;
using System.Globalization;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerCrashTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void AProcessKilledMidWriteLeavesAChainThatVerifiesLosesNothingAcknowledgedAndContinuesWithoutAGap()
    {
        long acknowledged = RunWriterAndKillIt(after: 4000);

        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.True(verification.EntriesChecked >= acknowledged, $"{verification.EntriesChecked} entries survive, {acknowledged} were acknowledged");

        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            long size = store.Size;
            Assert.Equal(verification.EntriesChecked, size);
            Assert.Equal(size + 1, store.Append(LedgerSamples.Observations(3)).FirstSequence);
        }

        LedgerVerification after = LedgerVerifier.Verify(_file.Options);
        Assert.True(after.IsValid, after.ToString());
        Assert.Equal(verification.EntriesChecked + 3, after.EntriesChecked);
    }

    private long RunWriterAndKillIt(long after)
    {
        string assembly = typeof(CrashWriterProgram).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(CrashWriterProgram.Command);
        start.ArgumentList.Add(_file.Path);

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the writer process");
        long acknowledged = 0;
        try
        {
            while (acknowledged < after && child.StandardOutput.ReadLine() is string line)
            {
                acknowledged = long.Parse(line.AsSpan("ack ".Length), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finally blocks, no disposal, no flush in the child.
            child.Kill();
            child.WaitForExit();
        }

        Assert.True(acknowledged >= after, $"the writer stopped after {acknowledged} entries: {child.StandardError.ReadToEnd()}");
        return acknowledged;
    }
}
