using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Scheduling;

/// <summary>Turns "an event's reminder is due" into outbox rows, one per subscribed chat.</summary>
internal sealed partial class ReminderPoster
{
    private readonly EventCatalog _catalog;
    private readonly SubscriptionStore _subscriptions;
    private readonly OutboxStore _outbox;
    private readonly DeliverySignal _signal;
    private readonly ReaderZones _zones;
    private readonly IOptionsMonitor<RemindersOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderPoster> _logger;

    public ReminderPoster(
        EventCatalog catalog,
        SubscriptionStore subscriptions,
        OutboxStore outbox,
        DeliverySignal signal,
        ReaderZones zones,
        IOptionsMonitor<RemindersOptions> options,
        TimeProvider time,
        ILogger<ReminderPoster> logger)
    {
        _catalog = catalog;
        _subscriptions = subscriptions;
        _outbox = outbox;
        _signal = signal;
        _zones = zones;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Queues the event's current slot for every subscribed chat. Returns the rows added.</summary>
    public async Task<int> PostAsync(string eventId, CancellationToken cancellationToken)
    {
        // The rows carry this activity's traceparent: each send of this reminder is a child of it.
        using var activity = BotTelemetry.Source.StartActivity("bot.reminder");
        activity?.SetTag("bot.event", eventId);
        var now = _time.GetUtcNow();
        var e = _catalog.All.FirstOrDefault(x => x.Id == eventId);
        if (e is null)
        {
            LogUnknownEvent(eventId);
            return 0;
        }

        var options = _options.CurrentValue;
        var plan = ReminderPlanner.Plan(e, options.EffectiveOffsets(), options.DailyCountdownDays, options.EffectiveCountdownTime());
        var slot = ReminderPlanner.Current(plan, e, now);
        if (slot is null)
        {
            LogNothingDue(eventId);
            return 0;
        }

        var topic = e.Kind switch
        {
            EventKind.Summit => SubscriptionTopics.Summits,
            EventKind.Protest => SubscriptionTopics.Protests,
            _ => SubscriptionTopics.Other,
        };
        var subscribers = (await _subscriptions.ListAsync(cancellationToken)).Where(s => !s.Paused && s.Topics.HasFlag(topic)).ToList();
        var rows = new List<OutboxRow>(subscribers.Count);
        foreach (var s in subscribers)
        {
            rows.Add(new OutboxRow(
                $"reminder:{e.Id}:{slot.Slot}:{s.Chat.Platform}:{s.Chat.ChatId}",
                s.Chat,
                OutboxPayload.Of(ReminderComposer.Compose(e, now, s.Language, await _zones.ForChatAsync(s.Chat, cancellationToken))),
                now,
                e.StartUtc,
                e.Id));
        }

        var added = await _outbox.EnqueueAsync(rows, cancellationToken);
        LogQueued(e.Id, slot.Slot, added, subscribers.Count);
        if (added > 0)
        {
            _signal.Poke();
        }

        return added;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Reminder fired for unknown event {EventId}; ignored")]
    private partial void LogUnknownEvent(string eventId);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Reminder for {EventId} fired but nothing is due (event began or moved)")]
    private partial void LogNothingDue(string eventId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "Reminder {EventId}/{Slot}: queued {Added} new posts for {Subscribers} subscribed chats")]
    private partial void LogQueued(string eventId, string slot, int added, int subscribers);
}
