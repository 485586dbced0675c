namespace Bot.Core.Moderation;

/// <summary>Sets and removes the one-shot trigger that releases a scheduled announcement at its moment.</summary>
internal interface IAnnouncementScheduler
{
    /// <summary>Makes announcement <paramref name="id"/> fire once at <paramref name="at"/> (idempotent).</summary>
    Task ScheduleAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the trigger of announcement <paramref name="id"/>; false when there was none.</summary>
    Task<bool> UnscheduleAsync(long id, CancellationToken cancellationToken);
}
