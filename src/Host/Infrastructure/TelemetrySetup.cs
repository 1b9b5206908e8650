using AiPlusTasks.Engine.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Wires OpenTelemetry to the engine's activity source and meter (<see cref="EngineTelemetry"/>), ASP.NET Core, the
/// HTTP client (webhook and SMS sends) and EF Core, with the exporters <see cref="TelemetryOptions"/> switches on
/// (docs/decisions/035). Nothing of it is registered that nobody exports: with no trace exporter no tracer listens,
/// and the engine's hot path pays one check per burst.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name in every exported resource (OTEL_SERVICE_NAME overrides it).</summary>
    public const string ServiceName = "AiPlusTasks";

    public static WebApplicationBuilder AddAiPlusTasksTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Prometheus && !options.Otlp && !options.TracesEnabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        if (options.Prometheus || options.Otlp)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.Otlp)
                {
                    metrics.AddOtlpExporter(o => ApplyOtlp(o, options, "v1/metrics"));
                }
            });
        }

        if (options.TracesEnabled)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSamplingRatio)))
                    .AddSource(EngineTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                if (options.Otlp)
                {
                    tracing.AddOtlpExporter(o => ApplyOtlp(o, options, "v1/traces"));
                }
            });
        }

        return builder;
    }

    /// <summary>Maps <see cref="TelemetryOptions.MetricsPath"/> when Prometheus is switched on.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(TelemetryOptions.MetricsPath);
        }

        return app;
    }

    /// <summary>Health probes and scrapes: polled every few seconds, they would drown the traces worth reading.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(Readiness.HealthPath) || path.StartsWithSegments(TelemetryOptions.MetricsPath);

    /// <summary>
    /// The configured protocol and endpoint; what is not configured the exporter reads from the OTEL_EXPORTER_OTLP_*
    /// variables. Over HTTP the signal's path (<paramref name="signalPath"/>) is appended to a configured endpoint, as the
    /// exporter does to the variable's.
    /// </summary>
    private static void ApplyOtlp(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        if (options.OtlpProtocol is { Length: > 0 } protocol)
        {
            exporter.Protocol = protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        }

        if (options.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath)
                : new Uri(endpoint);
        }
    }
}
