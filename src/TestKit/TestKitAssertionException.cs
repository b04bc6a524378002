using Xunit.Sdk;

namespace CodeSight.TestKit;

/// <summary>
/// A TestKit expectation failed: the message says what was expected, what arrived instead (type and value) or
/// that nothing arrived, and after how long. xunit reports it as an ordinary assertion failure.
/// </summary>
public sealed class TestKitAssertionException : XunitException
{
    /// <summary>Creates the exception with the full failure message.</summary>
    public TestKitAssertionException(string message) : base(message) { }

    /// <summary>Creates the exception with the full failure message and the assertion that last failed.</summary>
    public TestKitAssertionException(string message, Exception? inner) : base(message, inner) { }
}
