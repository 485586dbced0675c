using System.Runtime.CompilerServices;
using Bot.Core.Content;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Host.Operations;

/// <summary>
/// Once the host has started, says in one line what runs: the platforms and their modes, the storage, how many
/// pages, events and subscriptions, and the web URLs. Names no token, password or chat.
/// </summary>
internal sealed partial class StartupSummary(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupSummary> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = SayAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The line, from what the services hold now.</summary>
    internal async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var platforms = services.GetRequiredService<PlatformDirectory>().All
            .Select(p => p.Id.Name switch
            {
                "Telegram" => $"Telegram ({configuration["Telegram:Mode"]?.ToLowerInvariant() ?? "polling"})",
                "Discord" => "Discord (gateway)",
                "Console" => "terminal chat",
                var name => name,
            });
        var database = services.GetRequiredService<BotDatabase>();
        var storage = database.DatabaseFile is { } file
            ? $"SQLite {file}"
            : database.Provider == StorageProvider.Postgres ? Postgres(database.ConnectionString) : $"{database.Provider} (in memory)";
        var pages = (await services.GetRequiredService<ContentSource>().Loading()).Pages.Count;
        var events = services.GetRequiredService<EventCatalog>().All.Length;
        string subscriptions;
        try
        {
            subscriptions = (await services.GetRequiredService<SubscriptionStore>().ListAsync(cancellationToken)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            subscriptions = "?";
        }

        // Only a web host registers it: the other hosts never load the web server's types.
        var urls = services.GetService<ListeningAddresses>()?.All ?? [];
        return $"Running: {string.Join(", ", platforms)}; storage {storage}; {pages} pages, {events} events, {subscriptions} subscriptions; web {(urls.Count == 0 ? "none" : string.Join(" ", urls))}";
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // Npgsql is loaded only for a PostgreSQL database
    private static string Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    private async Task SayAsync()
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        try
        {
            var summary = await DescribeAsync(lifetime.ApplicationStopping);
            LogSummary(summary);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "{Summary}")]
    private partial void LogSummary(string summary);
}
