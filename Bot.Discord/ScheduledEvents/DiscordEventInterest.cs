using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.ScheduledEvents;

/// <summary>
/// For <c>/events</c> in a server: how many members marked our scheduled events "Interested" (<c>user_count</c>),
/// from the server's list, cached for <see cref="DiscordOptions.InterestedCacheFor"/> so a busy channel does not
/// list it on every command. A failure shows no counts rather than no answer.
/// </summary>
internal sealed class DiscordEventInterest(
    DiscordRestClient rest,
    ScheduledEventStore store,
    ScheduledEventCounts counts,
    IOptions<DiscordOptions> options,
    ILogger<DiscordEventInterest> logger) : IEventInterest
{
    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    public PlatformId Platform => DiscordPlatform.Id;

    public async ValueTask<IReadOnlyDictionary<string, int>> InterestedAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Evidence is not DiscordMember { GuildId: { } guildId })
        {
            return None;
        }

        try
        {
            var links = await store.ListAsync(guildId, cancellationToken);
            if (links.Count == 0)
            {
                return None;
            }

            var byScheduled = counts.Fresh(guildId, options.Value.InterestedCacheFor);
            if (byScheduled is null)
            {
                counts.Remember(guildId, await rest.GetScheduledEventsAsync(guildId, cancellationToken));
                byScheduled = counts.Fresh(guildId, TimeSpan.MaxValue) ?? None;
            }

            return links.Where(l => byScheduled.ContainsKey(l.ScheduledEventId))
                .ToDictionary(l => l.EventId, l => byScheduled[l.ScheduledEventId], StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when ((DiscordErrors.IsCallFailure(ex) || ex is System.Data.Common.DbException) && !cancellationToken.IsCancellationRequested)
        {
            var error = DiscordErrors.Classify(ex);
            logger.InterestUnavailable(guildId, error.Outcome, error.Reason);
            return None;
        }
    }
}
