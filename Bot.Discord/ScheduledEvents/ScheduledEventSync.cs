using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Discord.Api;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.ScheduledEvents;

/// <summary>What one pass did, for the log and tests.</summary>
internal sealed record ScheduledEventPass(bool Led, int Guilds, int Created, int Updated, int Deleted, int Skipped);

/// <summary>
/// One pass that makes every server's Events tab match the catalog: in each server where the bot has
/// Manage Events, each upcoming event (of a repeating series only the next occurrence) exists once as an
/// external scheduled event; changed ones are edited, removed or past ones deleted. Idempotent: the stored
/// links say which is which, and the server's own list, read first every pass, settles the rest: ours (by the
/// marker line) are adopted when a crash lost their link, duplicates and orphans deleted, and an event a
/// moderator deleted by hand is created again. Only the leading node syncs (<see cref="PlatformLeadership"/>).
/// </summary>
internal sealed class ScheduledEventSync : IDisposable
{
    /// <summary>Discord refuses a start in the past; an event starting sooner than this is not created any more.</summary>
    private static readonly TimeSpan CreateMargin = TimeSpan.FromMinutes(1);

    private const int Scheduled = 1;
    private const int Active = 2;

    private readonly DiscordRestClient _rest;
    private readonly EventCatalog _catalog;
    private readonly ScheduledEventStore _store;
    private readonly PlatformLeadership _leadership;
    private readonly ScheduledEventNotices _notices;
    private readonly ScheduledEventCounts _counts;
    private readonly UiTexts _texts;
    private readonly TimeProvider _time;
    private readonly DiscordOptions _options;
    private readonly ILogger<ScheduledEventSync> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private string? _botUserId;

    public ScheduledEventSync(
        DiscordRestClient rest,
        EventCatalog catalog,
        ScheduledEventStore store,
        PlatformLeadership leadership,
        ScheduledEventNotices notices,
        ScheduledEventCounts counts,
        UiTexts texts,
        TimeProvider time,
        IOptions<DiscordOptions> options,
        ILogger<ScheduledEventSync> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _catalog = catalog;
        _store = store;
        _leadership = leadership;
        _notices = notices;
        _counts = counts;
        _texts = texts;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// The events that should be in every server: those not ended yet, of each series only the soonest. A series
    /// is the part of an id before <c>@yyyyMMddTHHmm</c> (how occurrences of a repeating event are named).
    /// </summary>
    public static IReadOnlyList<BotEvent> Wanted(IReadOnlyList<BotEvent> upcoming)
    {
        ArgumentNullException.ThrowIfNull(upcoming);
        return [.. upcoming.GroupBy(e => SeriesOf(e.Id), StringComparer.OrdinalIgnoreCase).Select(g => g.MinBy(e => e.StartUtc)!).OrderBy(e => e.StartUtc)];
    }

    public void Dispose() => _oneAtATime.Dispose();

    public async Task<ScheduledEventPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!await _leadership.HoldAsync(cancellationToken))
            {
                return new ScheduledEventPass(false, 0, 0, 0, 0, 0);
            }

            _botUserId ??= (await _rest.GetCurrentUserAsync(cancellationToken)).Id;
            var guilds = await GuildsAsync(cancellationToken);
            var now = _time.GetUtcNow();
            var wanted = Wanted(_catalog.Upcoming(now));
            var language = _texts.LanguageOf(null);
            var tally = new Tally();
            foreach (var guild in guilds)
            {
                try
                {
                    if (!await MayManageEventsAsync(guild, cancellationToken))
                    {
                        tally.Skipped++;
                        continue;
                    }

                    await ReconcileAsync(guild.Id, wanted, language, now, tally, cancellationToken);
                }
                catch (Exception ex) when (DiscordErrors.IsCallFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    var error = DiscordErrors.Classify(ex);
                    if (error.Outcome == DeliveryOutcome.Gone && _notices.Missing(guild.Id, guild.Name ?? guild.Id))
                    {
                        // Permissions changed between our check and the call: the same one line as a missing permission.
                        _logger.ScheduledEventsForbidden(guild.Name ?? guild.Id, guild.Id);
                    }
                    else
                    {
                        _logger.ScheduledEventsGuildFailed(guild.Id, error.Outcome, error.Reason);
                    }
                }
            }

            await ForgetLeftGuildsAsync(guilds, cancellationToken);
            var pass = new ScheduledEventPass(true, guilds.Count, tally.Created, tally.Updated, tally.Deleted, tally.Skipped);
            if (pass.Created + pass.Updated + pass.Deleted > 0)
            {
                _logger.ScheduledEventsSynced(pass.Guilds, pass.Created, pass.Updated, pass.Deleted, pass.Skipped);
            }

            return pass;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private static string SeriesOf(string id)
    {
        var at = id.LastIndexOf('@');
        return at > 0 && id.Length - at - 1 == "yyyyMMddTHHmm".Length && id[(at + 1)..].All(c => char.IsAsciiDigit(c) || c == 'T') ? id[..at] : id;
    }

    private async Task<IReadOnlyList<MyGuild>> GuildsAsync(CancellationToken cancellationToken)
    {
        var all = new List<MyGuild>();
        string? after = null;
        while (true)
        {
            var page = await _rest.GetMyGuildsAsync(after, cancellationToken);
            all.AddRange(page);
            if (page.Count < 200)
            {
                return all;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Computes the bot's permissions in the server; without Manage Events, says so once and leaves it alone.</summary>
    private async Task<bool> MayManageEventsAsync(MyGuild guild, CancellationToken cancellationToken)
    {
        var roles = await _rest.GetGuildRolesAsync(guild.Id, cancellationToken);
        var member = await _rest.GetGuildMemberAsync(guild.Id, _botUserId!, cancellationToken);
        var bits = GuildPermissions.Compute(guild.Id, guild.Owner == true, roles, member.Roles ?? []);
        if (GuildPermissions.CanManageEvents(bits))
        {
            if (_notices.Granted(guild.Id))
            {
                _logger.ScheduledEventsAllowed(guild.Name ?? guild.Id, guild.Id);
            }

            return true;
        }

        if (_notices.Missing(guild.Id, guild.Name ?? guild.Id))
        {
            _logger.ScheduledEventsForbidden(guild.Name ?? guild.Id, guild.Id);
        }

        return false;
    }

    private async Task ReconcileAsync(string guildId, IReadOnlyList<BotEvent> wanted, Core.Kernel.UiLanguage language, DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        var listed = await _rest.GetScheduledEventsAsync(guildId, cancellationToken);
        _counts.Remember(guildId, listed);
        var ours = listed.Where(s => s.CreatorId is null || s.CreatorId == _botUserId).ToList();
        var live = ours.Where(s => s.Status is Scheduled or Active).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var links = (await _store.ListAsync(guildId, cancellationToken)).ToDictionary(l => l.EventId, StringComparer.OrdinalIgnoreCase);
        var kept = new HashSet<string>(StringComparer.Ordinal);

        foreach (var e in wanted)
        {
            var body = ScheduledEventMapper.Map(e, language, _options.ScheduledEventDefaultLength);
            var hash = ScheduledEventMapper.Hash(body);
            ScheduledEvent? current = links.TryGetValue(e.Id, out var link) && live.TryGetValue(link.ScheduledEventId, out var linked) ? linked : null;
            if (current is null)
            {
                // No link, or its event is gone (deleted by hand): adopt one of ours that names this event (a crash lost its link), else create.
                current = live.Values.FirstOrDefault(s => !kept.Contains(s.Id) && string.Equals(ScheduledEventMapper.MarkerOf(s.Description), e.Id, StringComparison.OrdinalIgnoreCase))
                    ?? live.Values.FirstOrDefault(s => !kept.Contains(s.Id) && ScheduledEventMapper.MarkerOf(s.Description) is null && s.Name == body.Name && SameInstant(s.ScheduledStartTime, e.StartUtc));
                if (current is null)
                {
                    if (e.StartUtc <= now + CreateMargin)
                    {
                        continue;
                    }

                    var created = await _rest.CreateScheduledEventAsync(guildId, body, cancellationToken);
                    FaultPoint.Reach(FaultPoint.ScheduledEventCreated);
                    await _store.SaveAsync(guildId, new ScheduledEventLink(e.Id, created.Id, hash), cancellationToken);
                    kept.Add(created.Id);
                    tally.Created++;
                    continue;
                }

                link = null;
            }

            kept.Add(current.Id);
            if (current.Status == Active)
            {
                // Started: Discord no longer takes a new start time, and what members see stays as it was.
                continue;
            }

            if (link is null || link.ContentHash != hash)
            {
                await _rest.ModifyScheduledEventAsync(guildId, current.Id, body, cancellationToken);
                await _store.SaveAsync(guildId, new ScheduledEventLink(e.Id, current.Id, hash), cancellationToken);
                tally.Updated++;
            }
        }

        var wantedIds = new HashSet<string>(wanted.Select(e => e.Id), StringComparer.OrdinalIgnoreCase);
        foreach (var stale in links.Values.Where(l => !wantedIds.Contains(l.EventId)))
        {
            if (live.ContainsKey(stale.ScheduledEventId) && !kept.Contains(stale.ScheduledEventId))
            {
                await DeleteAsync(guildId, stale.ScheduledEventId, cancellationToken);
                tally.Deleted++;
            }

            await _store.RemoveAsync(guildId, stale.EventId, cancellationToken);
        }

        // Ours that nothing links to any more: a second copy, or the copy of an event removed while its link was lost.
        foreach (var orphan in live.Values.Where(s => !kept.Contains(s.Id) && ScheduledEventMapper.MarkerOf(s.Description) is not null && s.CreatorId == _botUserId))
        {
            if (links.Values.Any(l => l.ScheduledEventId == orphan.Id && !wantedIds.Contains(l.EventId)))
            {
                continue; // deleted just above
            }

            await DeleteAsync(guildId, orphan.Id, cancellationToken);
            tally.Deleted++;
        }
    }

    private async Task DeleteAsync(string guildId, string scheduledEventId, CancellationToken cancellationToken)
    {
        try
        {
            await _rest.DeleteScheduledEventAsync(guildId, scheduledEventId, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            // Gone already: that is what we wanted.
        }
    }

    private async Task ForgetLeftGuildsAsync(IReadOnlyList<MyGuild> guilds, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(guilds.Select(g => g.Id), StringComparer.Ordinal);
        foreach (var gone in (await _store.GuildsAsync(cancellationToken)).Where(g => !present.Contains(g)))
        {
            await _store.RemoveAsync(gone, null, cancellationToken);
        }

        foreach (var gone in _notices.MissingGuilds.Where(g => !present.Contains(g)))
        {
            _notices.Forget(gone);
        }
    }

    private static bool SameInstant(string? iso, DateTimeOffset instant) =>
        DateTimeOffset.TryParse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) && parsed == instant;

    private sealed class Tally
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Deleted { get; set; }

        public int Skipped { get; set; }
    }
}
