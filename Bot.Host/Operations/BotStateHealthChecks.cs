using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Operations;

/// <summary>Ready when the reminder scheduler runs.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("running")
            : HealthCheckResult.Unhealthy(scheduler.Status.ToString().ToLowerInvariant());
    }
}

/// <summary>
/// Each configured platform: connected, or its last error (unhealthy). One that has not reported yet
/// (starting, or a follower node while another leads its gateway) is degraded.
/// </summary>
internal sealed class PlatformsHealthCheck(PlatformDirectory platforms, BotHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var status = HealthStatus.Healthy;
        foreach (var platform in platforms.All.Where(p => !p.IsOperatorTerminal))
        {
            var name = platform.Id.Name;
            if (!health.PlatformStates.TryGetValue(name, out var state))
            {
                data[name] = "not connected yet";
                status = status == HealthStatus.Unhealthy ? status : HealthStatus.Degraded;
            }
            else if (state.Connected)
            {
                data[name] = "connected";
            }
            else
            {
                data[name] = state.Error ?? "disconnected";
                status = HealthStatus.Unhealthy;
            }
        }

        var description = data.Count == 0 ? "no platform configured" : string.Join("; ", data.Select(d => $"{d.Key}: {d.Value}"));
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }
}

/// <summary>The event feeds' last success: degraded (not unready) when the last poll failed or none succeeded yet.</summary>
internal sealed class FeedsHealthCheck(IOptionsMonitor<EventsOptions> events, BotHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (events.CurrentValue.Feeds.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no feeds configured"));
        }

        var success = health.FeedsLastSuccess;
        var failure = health.FeedsLastFailure;
        var shown = success is { } s ? s.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never";
        return Task.FromResult(success is null || failure > success
            ? HealthCheckResult.Degraded($"last success {shown}; the last poll failed (the last good copy is used)")
            : HealthCheckResult.Healthy($"last success {shown}"));
    }
}
