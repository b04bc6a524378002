using System.Diagnostics;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Activities;

/// <summary>
/// How Activity kinds and probe kinds map onto each other. Into the engine: <c>Server</c> and <c>Consumer</c> (work
/// done on behalf of a caller or a message) become <see cref="ProbeKind.Turn"/>, <c>Client</c> and <c>Producer</c>
/// (a call made to something else) become <see cref="ProbeKind.Tool"/>, <c>Internal</c> becomes
/// <see cref="ProbeKind.Custom"/>. Out of the engine: <see cref="ProbeKind.Tool"/> and <see cref="ProbeKind.Model"/>
/// (calls made to something else) become <c>Client</c>, every other kind <c>Internal</c>; the probe kind itself
/// travels in the <see cref="KindTag"/> tag, so nothing is lost on the way out.
/// </summary>
public static class ActivityKinds
{
    /// <summary>The tag that carries a probe's kind by its wire name (<c>run</c>, <c>turn</c>, ...) on exported spans.</summary>
    public const string KindTag = "codesight.kind";

    /// <summary>The probe kind of an Activity of <paramref name="kind"/>.</summary>
    public static ProbeKind ToProbeKind(ActivityKind kind) => kind switch
    {
        ActivityKind.Server or ActivityKind.Consumer => ProbeKind.Turn,
        ActivityKind.Client or ActivityKind.Producer => ProbeKind.Tool,
        _ => ProbeKind.Custom,
    };

    /// <summary>The Activity kind a probe of <paramref name="kind"/> is exported as.</summary>
    public static ActivityKind ToActivityKind(ProbeKind kind) => kind switch
    {
        ProbeKind.Tool or ProbeKind.Model => ActivityKind.Client,
        _ => ActivityKind.Internal,
    };
}
