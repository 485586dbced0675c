using System.Globalization;
using Bot.Core.Events;
using Bot.Core.Storage;
using Bot.Core.Kernel;
using Microsoft.Extensions.Options;

namespace Bot.Core.Scheduling;

/// <summary>
/// What the host's <c>events</c> and <c>events ics</c> commands print. Works on a built host that
/// was not started (after <c>BotStartup.PrepareOneShotAsync</c>, which migrates the database
/// and loads the moderators' edits and the feeds): it reads the events file again itself and never
/// takes the single-process lock, so it also works while the bot runs.
/// </summary>
internal sealed class EventsCli
{
    private readonly EventCatalog _catalog;
    private readonly IOptionsMonitor<RemindersOptions> _options;
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private readonly EventCalendar _calendar;

    public EventsCli(EventCatalog catalog, IOptionsMonitor<RemindersOptions> options, BotDatabase database, TimeProvider time, EventCalendar calendar)
    {
        _calendar = calendar;
        _catalog = catalog;
        _options = options;
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Prints every upcoming event with each reminder: when (in the event's local time and UTC) and to
    /// which chats. Returns the number of problems in the events file (for the exit code).
    /// </summary>
    public async Task<int> PrintScheduleAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var unreadable = _catalog.Reload();
        foreach (var problem in unreadable is null ? _catalog.Problems : _catalog.Problems.Add(unreadable))
        {
            await output.WriteLineAsync("problem: " + problem);
        }

        var chats = await ReadSubscriptionsAsync(output, cancellationToken);
        var now = _time.GetUtcNow();
        var options = _options.CurrentValue;
        var upcoming = _catalog.Upcoming(now);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{upcoming.Count} upcoming events, {_catalog.All.Length - upcoming.Count} past; {chats.Count} subscribed chats."));
        foreach (var e in upcoming)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{e.Id} ({e.Kind.ToString().ToLowerInvariant()}): {e.Title.En}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  starts {e.StartLocal:yyyy-MM-dd HH:mm} {e.Zone.Id} = {e.StartUtc:yyyy-MM-dd HH:mm} UTC"));
            var topic = e.Kind switch
            {
                EventKind.Summit => SubscriptionTopics.Summits,
                EventKind.Protest => SubscriptionTopics.Protests,
                _ => SubscriptionTopics.Other,
            };
            var targets = chats.Where(s => !s.Paused && s.Topics.HasFlag(topic)).Select(s => s.Chat.ToString()).ToList();
            var to = targets.Count == 0 ? "(no subscribed chats)" : string.Join(", ", targets);
            foreach (var slot in ReminderPlanner.Plan(e, options.EffectiveOffsets(), options.DailyCountdownDays, options.EffectiveCountdownTime()))
            {
                var local = TimeZoneInfo.ConvertTime(slot.FireUtc, e.Zone);
                var state = slot.FireUtc <= now ? " (passed)" : string.Empty;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {slot.Slot,-12} {local:yyyy-MM-dd HH:mm} {e.Zone.Id} ({slot.FireUtc:yyyy-MM-dd HH:mm} UTC){state} -> {to}"));
            }
        }

        return _catalog.Problems.Length + (unreadable is null ? 0 : 1);
    }

    /// <summary>Writes every event of the catalog as an iCalendar file (RFC 5545) members can import, as <c>/events.ics</c> serves it.</summary>
    public async Task WriteIcsAsync(TextWriter output, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _catalog.Reload();
        await output.WriteAsync((await _calendar.RenderAsync(null, language, cancellationToken)).AsMemory(), cancellationToken);
    }

    private async Task<IReadOnlyList<Subscription>> ReadSubscriptionsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (_database.DatabaseFile is { } file && !File.Exists(file))
        {
            return [];
        }

        try
        {
            return await new SubscriptionStore(_database, _time).ListAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            await output.WriteLineAsync("(subscriptions could not be read: " + ex.Message + ")");
            return [];
        }
    }
}
