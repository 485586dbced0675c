using Bot.Core.Diagnostics;
using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Operations;

/// <summary>Counts the outbox rows per status every few seconds for <c>bot.outbox.rows</c>, so a scrape never queries the database.</summary>
internal sealed partial class OutboxCensus(BotDatabase database, BotHealth health, TimeProvider time, ILogger<OutboxCensus> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await CountAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCountFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT status, COUNT(*) FROM bot_outbox GROUP BY status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        health.RecordOutbox(counts);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "The outbox could not be counted")]
    private partial void LogCountFailed(Exception exception);
}
