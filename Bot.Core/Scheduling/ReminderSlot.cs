namespace Bot.Core.Scheduling;

/// <summary>One moment at which an event's subscribers hear about it.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Slot">The slot's name: <c>offset-7d</c>, <c>offset-1h</c> or <c>countdown-3</c> (days left).</param>
/// <param name="FireUtc">When it fires.</param>
internal sealed record ReminderSlot(string EventId, string Slot, DateTimeOffset FireUtc)
{
    /// <summary>The Quartz trigger name: <c>{event}|{slot}</c>.</summary>
    public string TriggerName => $"{EventId}|{Slot}";
}
