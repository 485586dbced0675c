using System.Collections.Concurrent;
using Bot.Discord.Api;

namespace Bot.Discord.ScheduledEvents;

/// <summary>The interested counts of each server's scheduled events as last listed, with when.</summary>
internal sealed class ScheduledEventCounts(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyDictionary<string, int> Counts)> _byGuild = new(StringComparer.Ordinal);

    public void Remember(string guildId, IReadOnlyList<ScheduledEvent> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        _byGuild[guildId] = (time.GetUtcNow(), listed.Where(s => s.UserCount is not null).ToDictionary(s => s.Id, s => s.UserCount!.Value, StringComparer.Ordinal));
    }

    /// <summary>The counts by scheduled event id, when listed no longer than <paramref name="maxAge"/> ago.</summary>
    public IReadOnlyDictionary<string, int>? Fresh(string guildId, TimeSpan maxAge) =>
        _byGuild.TryGetValue(guildId, out var entry) && time.GetUtcNow() - entry.At <= maxAge ? entry.Counts : null;
}
