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

        try
        {
            return ZoneTime.TryFind(await store.GetAsync(request.Chat.Platform, request.User.Id, cancellationToken), out var zone) ? zone : null;
        }
        catch (DbException)
        {
            // Times in the event's zone are still right, only not the member's choice.
            return null;
        }
    }
}
