namespace Bot.Core.Delivery;

/// <summary>How far one reminder (an event's slot, e.g. <c>offset-7d</c>) has come in every subscribed chat.</summary>
internal sealed record ReminderDelivery(string EventId, string Slot, DateTimeOffset QueuedAt, DeliveryProgress Progress);
