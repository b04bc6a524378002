using CodeSight.Engine.Clock;
using CodeSight.Engine.Redaction;
using CodeSight.Engine.Sampling;

namespace CodeSight.Engine;

/// <summary>
/// Code-level overrides of what <c>codesight.engine</c> configures: hand a clock, a gate, a redactor or a tail policy
/// in directly (tests, hosts with their own policies). Null keeps the configured behaviour.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>The time source; default <see cref="SystemClock.Instance"/>.</summary>
    public IEngineClock? Clock { get; init; }

    /// <summary>The head-sampling gate; default from <c>sampling.ratio</c> and <c>sampling.rate-limit</c>.</summary>
    public ISamplingGate? Gate { get; init; }

    /// <summary>The redactor; default <see cref="SecretRedactor.Default"/>, or pass-through when <c>redaction.enabled = off</c>.</summary>
    public SecretRedactor? Redactor { get; init; }

    /// <summary>The tail-sampling policy; default from <c>tail-sampling</c> (null there means off).</summary>
    public TailSamplingPolicy? TailPolicy { get; init; }
}
