using Xunit;
using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace CodeSight.TestKit.Tests.Support;

/// <summary>An ITestOutputHelper that keeps every line, for asserting what a kit wrote.</summary>
public sealed class CollectingOutput : ITestOutputHelper
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void WriteLine(string message) => Lines.Enqueue(message);

    public void WriteLine(string format, params object[] args) => Lines.Enqueue(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
