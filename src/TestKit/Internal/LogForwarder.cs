using CodeSight.Actors;
using CodeSight.Actors.Events;
using Xunit.Abstractions;

namespace CodeSight.TestKit.Internal;

/// <summary>Writes the system's <see cref="LogEvent"/>s to the test's output, so they show up next to a failure.</summary>
internal sealed class LogForwarder : ActorBase
{
    private readonly ITestOutputHelper _output;

    public LogForwarder(ITestOutputHelper output) => _output = output;

    protected override bool Receive(object message)
    {
        if (message is not LogEvent entry) return false;
        try
        {
            _output.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // xunit refuses output once the test has finished; late log events during shutdown are not worth failing for.
        }
        return true;
    }
}
