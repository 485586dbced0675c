using System.Collections.Concurrent;
using Bot.Core.Kernel;

namespace Bot.Discord.ScheduledEvents;

/// <summary>
/// The servers where the bot may not manage events, for <c>/status</c>; <see cref="Missing"/> says whether a
/// server is new to the list, so the log says it once per server (again only after it was fixed and lost).
/// </summary>
internal sealed class ScheduledEventNotices : IPlatformNotices
{
    private readonly ConcurrentDictionary<string, string> _missing = new(StringComparer.Ordinal);

    public IReadOnlyList<LocalizedText> Current =>
        [.. _missing.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new LocalizedText(
            $"Discord-server {m.Value} ({m.Key}): geef de bot de permissie Evenementen beheren (Manage Events) om de evenementen in het Evenementen-overzicht van de server te zetten.",
            $"Discord server {m.Value} ({m.Key}): give the bot the Manage Events permission to put the events in the server's Events tab."))];

    /// <summary>Notes that the bot lacks Manage Events in the server; true the first time.</summary>
    public bool Missing(string guildId, string name) => _missing.TryAdd(guildId, name);

    /// <summary>Notes that the bot has it (again); true when it lacked it before.</summary>
    public bool Granted(string guildId) => _missing.TryRemove(guildId, out _);

    /// <summary>Forgets a server the bot is no longer in.</summary>
    public void Forget(string guildId) => _missing.TryRemove(guildId, out _);

    /// <summary>The servers noted as lacking it.</summary>
    public IReadOnlyCollection<string> MissingGuilds => [.. _missing.Keys];
}
