using System.Collections.Concurrent;
using Bot.Core.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>Remembers the announcement triggers that are set (id → moment) instead of using Quartz; tests fire them by hand.</summary>
internal sealed class RecordingAnnouncementScheduler : IAnnouncementScheduler
{
    public ConcurrentDictionary<long, DateTimeOffset> Triggers { get; } = new();

    public Task ScheduleAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Triggers.TryAdd(id, at);
        return Task.CompletedTask;
    }

    public Task<bool> UnscheduleAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Triggers.TryRemove(id, out _));
}
