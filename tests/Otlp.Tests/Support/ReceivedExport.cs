using CodeSight.Otlp.Tests.Proto.Collector;

namespace CodeSight.Otlp.Tests.Support;

/// <summary>One POST to /v1/traces, decoded with the generated OTLP messages.</summary>
public sealed record ReceivedExport(ExportTraceServiceRequest Request, string? ContentType, IReadOnlyDictionary<string, string> Headers);
