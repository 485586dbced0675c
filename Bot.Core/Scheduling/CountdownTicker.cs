using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Hosting;
using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Scheduling;

/// <summary>
/// Keeps every chat's live countdown current by queueing its rows in the outbox: the post (and its pin) once, then
/// one edit per <see cref="CountdownSchedule"/> moment. Each row's key names the chat's countdown, the event and
/// the moment, so a restart or a second node queueing the same row adds nothing: one message per chat, each edit once.
/// </summary>
internal sealed partial class CountdownTicker : BackgroundService
{
    /// <summary>How often the countdowns are looked at (a new one appears within this, an edit this late at most).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly CountdownStore _countdowns;
    private readonly OutboxStore _outbox;
    private readonly EventCatalog _catalog;
    private readonly DeliverySignal _signal;
    private readonly ReaderZones _zones;
    private readonly TimeProvider _time;
    private readonly ILogger<CountdownTicker> _logger;

    public CountdownTicker(CountdownStore countdowns, OutboxStore outbox, EventCatalog catalog, DeliverySignal signal, ReaderZones zones, TimeProvider time, ILogger<CountdownTicker> logger)
    {
        _countdowns = countdowns;
        _outbox = outbox;
        _catalog = catalog;
        _signal = signal;
        _zones = zones;
        _time = time;
        _logger = logger;
    }

    /// <summary>Queues what the countdowns need now; returns how many rows were new.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rows = new List<OutboxRow>();
        foreach (var countdown in await _countdowns.ListAsync(cancellationToken))
        {
            if (CountdownSchedule.At(now, _catalog.All) is not var (e, tick))
            {
                continue;
            }

            if (tick <= countdown.CreatedAt && tick >= e.EndUtc)
            {
                // Started when nothing was planned: no "took place" message; it appears with the next event.
                continue;
            }

            var text = CountdownText.For(e, tick, countdown.Language, await _zones.ForChatAsync(countdown.Chat, cancellationToken));
            rows.Add(new OutboxRow(countdown.PostKey, countdown.Chat, OutboxPayload.Of(new CountdownPost(text)), now, null, null));
            rows.Add(new OutboxRow(countdown.PostKey + ":pin", countdown.Chat, OutboxPayload.OfChange(new CountdownPin(countdown.PostKey)), now, null, null) { AfterKey = countdown.PostKey });
            if (tick > countdown.CreatedAt)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{countdown.PostKey}:{e.Id}:{tick.ToUnixTimeSeconds()}");
                rows.Add(new OutboxRow(key, countdown.Chat, OutboxPayload.OfChange(new CountdownEdit(countdown.PostKey, text)), tick, null, null) { AfterKey = countdown.PostKey });
            }
        }

        var added = rows.Count == 0 ? 0 : await _outbox.EnqueueAsync(rows, cancellationToken);
        if (added > 0)
        {
            _signal.Poke();
        }

        return added;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(_time, Interval, SyncAsync, LogSyncFailed, stoppingToken);

    [LoggerMessage(EventId = 4801, Level = LogLevel.Error, Message = "Updating the live countdowns failed; trying again in a minute")]
    private partial void LogSyncFailed(Exception exception);
}
