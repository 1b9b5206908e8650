using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Which telemetry the Host exports (section <c>Telemetry</c>, docs/decisions/035). Prometheus and OTLP are switched
/// independently; traces are collected only while something exports them.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The Prometheus scrape route's path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Serve metrics at <see cref="MetricsPath"/> for a Prometheus scraper (aggregates only, no agency names). Default true.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// Export metrics (and traces, unless <see cref="Traces"/> says otherwise) over OTLP to <see cref="OtlpEndpoint"/>.
    /// Default false.
    /// </summary>
    public bool Otlp { get; set; }

    /// <summary>The OTLP collector's address; empty: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else the exporter's default (localhost:4317 for gRPC).</summary>
    [Url(ErrorMessage = "Telemetry:OtlpEndpoint must be an absolute URL such as http://collector:4317.")]
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>; empty: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else gRPC.</summary>
    [AllowedValues(null, "", "grpc", "http/protobuf", ErrorMessage = "Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'.")]
    public string? OtlpProtocol { get; set; }

    /// <summary>Collect traces (HTTP, bursts, SQL, webhooks, notifications). Default: as <see cref="Otlp"/>.</summary>
    public bool? Traces { get; set; }

    /// <summary>The share of new traces kept (a trace continued from a caller keeps the caller's decision). Default 1 (all).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Telemetry:TraceSamplingRatio must be between 0 and 1.")]
    public double TraceSamplingRatio { get; set; } = 1.0;

    /// <summary>Whether traces are collected.</summary>
    public bool TracesEnabled => Traces ?? Otlp;
}
