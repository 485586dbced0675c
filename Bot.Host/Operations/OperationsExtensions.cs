using System.Text.Json;
using Bot.Core.Diagnostics;
using Bot.Core.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Host.Operations;

/// <summary>
/// The operator's endpoints on whichever web app runs: <c>/healthz</c> (the process answers), <c>/readyz</c>
/// (database, scheduler, platforms, feeds) and <c>/metrics</c> (Prometheus), plus OTLP export when
/// <c>Operations:OtlpEndpoint</c> is set. Register with <see cref="AddOperations"/>, map with <see cref="MapOperations"/>.
/// </summary>
internal static class OperationsExtensions
{
    private const string Ready = "ready";

    /// <summary>The health checks, the meter and the exporters.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCheckedOptions<OperationsOptions, OperationsOptionsValidator>(OperationsOptions.Section);
        var options = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        var timeout = options.CheckTimeout > TimeSpan.Zero ? options.CheckTimeout : TimeSpan.FromSeconds(3);
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [Ready], timeout)
            .AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy, [Ready], timeout)
            .AddCheck<PlatformsHealthCheck>("platforms", HealthStatus.Unhealthy, [Ready], timeout)
            .AddCheck<FeedsHealthCheck>("feeds", HealthStatus.Degraded, [Ready], timeout);
        builder.Services.AddHostedService<OutboxCensus>();

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("pauseai-bot"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(BotTelemetry.Name, "Npgsql").AddPrometheusExporter();
            if (options.OtlpEndpoint is { } otlp)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        if (options.OtlpEndpoint is { } endpoint)
        {
            // Traces only go somewhere with a collector: without one they are not recorded at all.
            telemetry.WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return builder;
    }

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }

    /// <summary>The status, and each check's status and one-line description (no exception, no data).</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.GetType().Name }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
