using CodeSight.Otlp.Tests.Proto.Collector;
using CodeSight.Otlp.Tests.Proto.Common;
using CodeSight.Otlp.Tests.Proto.Trace;

namespace CodeSight.Otlp.Tests.Support;

/// <summary>Reading decoded OTLP messages in assertions.</summary>
internal static class Spans
{
    public static IEnumerable<Span> All(ExportTraceServiceRequest request) =>
        request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    public static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.ToByteArray());

    public static object? Value(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Value).ToArray(),
        _ => null,
    };

    public static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> attributes) =>
        attributes.ToDictionary(a => a.Key, a => Value(a.Value));
}
