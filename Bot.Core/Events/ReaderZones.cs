using System.Data.Common;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Events;

/// <summary>
/// The zone to show times in for one request: in a private chat, the one the member chose with
/// <c>/tijdzone</c>; elsewhere (and when none was chosen, or the database is unreachable) null, which
/// means the event's own zone.
/// </summary>
internal sealed class ReaderZones(UserZoneStore store)
{
    public async ValueTask<TimeZoneInfo?> ForAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Chat.Kind != ChatKind.Private || request.User.Id.Length == 0)
        {
            return null;
        }

        return await LookUpAsync(request.Chat.Platform, request.User.Id, cancellationToken);
    }

    /// <summary>
    /// The zone for posts the bot sends on its own (reminders, countdowns) to <paramref name="chat"/>: in a private
    /// chat the member's choice (the chat is the member: its id is the user's on the platforms that write times as
    /// text), elsewhere null. A choice the system no longer knows (garbage, or removed from tzdata) is null too.
    /// </summary>
    public async ValueTask<TimeZoneInfo?> ForChatAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return chat.Kind == ChatKind.Private && chat.ChatId.Length > 0 ? await LookUpAsync(chat.Platform, chat.ChatId, cancellationToken) : null;
    }

    private async ValueTask<TimeZoneInfo?> LookUpAsync(PlatformId platform, string userId, CancellationToken cancellationToken)
    {
        try
        {
            return ZoneTime.TryFind(await store.GetAsync(platform, userId, cancellationToken), out var zone) ? zone : null;
        }
        catch (DbException)
        {
            // Times in the event's zone are still right, only not the member's choice.
            return null;
        }
    }
}
