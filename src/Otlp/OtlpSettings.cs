using CodeSight.Actors.Configuration;
using OpenTelemetry.Exporter;

namespace CodeSight.Otlp;

/// <summary>The OTLP sink's settings, read from <c>codesight.otlp</c> (every key is documented in reference.conf).</summary>
public sealed class OtlpSettings
{
    /// <summary>The configuration path of the OTLP sink's bounded mailbox, its export queue.</summary>
    public const string MailboxId = "codesight.otlp.mailbox";

    /// <summary>The configuration path of the OTLP sink's dispatcher: a thread of its own, so a slow collector holds no one else's.</summary>
    public const string DispatcherId = "codesight.otlp.dispatcher";

    private const string HttpDefaultEndpoint = "http://localhost:4318/v1/traces";
    private const string GrpcDefaultEndpoint = "http://localhost:4317";
    private const string TracesPath = "/v1/traces";

    private IReadOnlyDictionary<string, string> _headers = new Dictionary<string, string>();

    /// <summary>Settings given in code; validated like those read from configuration.</summary>
    /// <param name="endpoint">Where spans go; null for the protocol's default.</param>
    /// <param name="protocol">HTTP/protobuf or gRPC.</param>
    /// <param name="serviceName">The <c>service.name</c> resource attribute.</param>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public OtlpSettings(Uri? endpoint = null, OtlpExportProtocol protocol = OtlpExportProtocol.HttpProtobuf, string serviceName = "codesight")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        Protocol = protocol;
        Endpoint = ResolveEndpoint(endpoint, protocol);
        ServiceName = serviceName;
    }

    /// <summary>Reads <c>codesight.otlp</c>; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public OtlpSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var otlp = config.GetConfig("codesight.otlp");
        Enabled = otlp.GetBoolean("enabled");
        var protocol = otlp.GetString("protocol");
        Protocol = protocol switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            _ => throw new ConfigurationException($"codesight.otlp.protocol: \"{protocol}\" is not a protocol; expected \"http/protobuf\" or \"grpc\"."),
        };
        var endpoint = otlp.GetString("endpoint");
        Uri? uri = null;
        if (endpoint.Length > 0 && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ConfigurationException($"codesight.otlp.endpoint: \"{endpoint}\" is not an absolute http:// or https:// URL.");
        }
        Endpoint = ResolveEndpoint(uri, Protocol);
        var headers = otlp.GetConfig("headers");
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in headers.Keys)
        {
            var value = headers.GetString(name);
            var problem = HeaderProblem(name, value);
            if (problem is not null) throw new ConfigurationException($"codesight.otlp.headers.{name}: {problem}");
            parsed[name] = value;
        }
        Headers = parsed;
        Timeout = otlp.GetTimeSpan("timeout");
        if (Timeout <= TimeSpan.Zero || Timeout.TotalMilliseconds > int.MaxValue) throw new ConfigurationException($"codesight.otlp.timeout: {Timeout} must be positive and under 24 days.");
        ServiceName = otlp.GetString("service-name");
        if (string.IsNullOrWhiteSpace(ServiceName)) throw new ConfigurationException("codesight.otlp.service-name: the service needs a name.");
        MaxBatchSize = otlp.GetInt("max-batch-size");
        if (MaxBatchSize < 1) throw new ConfigurationException($"codesight.otlp.max-batch-size: {MaxBatchSize} must be at least 1.");
        FlushInterval = otlp.GetTimeSpan("flush-interval");
        if (FlushInterval < TimeSpan.Zero) throw new ConfigurationException($"codesight.otlp.flush-interval: {FlushInterval} must be zero (off) or more.");
        MaxQueueSize = otlp.GetInt("max-queue-size");
        if (MaxQueueSize < 1) throw new ConfigurationException($"codesight.otlp.max-queue-size: {MaxQueueSize} must be at least 1.");
    }

    /// <summary>Whether <see cref="OtlpSink.StartConfigured"/> starts the sink.</summary>
    public bool Enabled { get; init; }

    /// <summary>HTTP/protobuf (<c>http/protobuf</c>) or gRPC (<c>grpc</c>).</summary>
    public OtlpExportProtocol Protocol { get; }

    /// <summary>
    /// The full URL spans are sent to. For HTTP it names the traces resource (a bare collector address gets
    /// <c>/v1/traces</c> appended); for gRPC the collector's address.
    /// </summary>
    public Uri Endpoint { get; }

    /// <summary>Headers sent with every export (an API key, a tenant).</summary>
    /// <exception cref="ArgumentException">A name or value cannot be sent as an OTLP header; the message names it.</exception>
    public IReadOnlyDictionary<string, string> Headers
    {
        get => _headers;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var (name, text) in value)
            {
                if (HeaderProblem(name, text) is { } problem) throw new ArgumentException($"OTLP header \"{name}\": {problem}", nameof(Headers));
            }
            _headers = value;
        }
    }

    /// <summary>How long one export may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>service.name</c> resource attribute of every exported span.</summary>
    public string ServiceName { get; }

    /// <summary>Spans per export request; a full batch is exported at once.</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>A partial batch is exported when this much time passes with spans pending; zero turns the timer off.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Closed probes waiting to be batched (the sink's mailbox capacity) when read from configuration; past it the
    /// newest are dropped and counted in the sink's stats. Sinks made in code get the mailbox at <see cref="MailboxId"/>.
    /// </summary>
    public int MaxQueueSize { get; } = 2048;

    /// <summary>The headers in the exporter's <c>name=value,name=value</c> form.</summary>
    internal string HeaderText => string.Join(',', Headers.Select(h => $"{h.Key}={h.Value}"));

    private static Uri ResolveEndpoint(Uri? endpoint, OtlpExportProtocol protocol)
    {
        if (endpoint is null) return new Uri(protocol == OtlpExportProtocol.Grpc ? GrpcDefaultEndpoint : HttpDefaultEndpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The OTLP endpoint \"{endpoint}\" is not an absolute http:// or https:// URL.", nameof(endpoint));
        }
        return protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath == "/" ? new Uri(endpoint, TracesPath) : endpoint;
    }

    // The exporter takes headers as one "name=value,name=value" string, so neither part may hold its separators.
    private static string? HeaderProblem(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('=') || name.Contains(',')) return "a header name must be non-empty and hold no '=' or ','.";
        if (value.Contains(',')) return "a header value must hold no ','.";
        return null;
    }
}
