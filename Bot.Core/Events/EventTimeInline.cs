using Markdig.Syntax.Inlines;

namespace Bot.Core.Events;

/// <summary>
/// A moment in a reply: literal text in the event's local time ("maandag 10 februari 2025 09:00
/// (Europe/Paris)") that also carries the UTC instant. It is a <see cref="LiteralInline"/>, so every
/// renderer shows (and escapes) the local text; a platform that shows times in each reader's own
/// time zone may check for this type and write <see cref="Instant"/> its own way instead.
/// </summary>
public sealed class EventTimeInline : LiteralInline
{
    public EventTimeInline(string localText, DateTimeOffset instant)
        : base(localText ?? string.Empty) => Instant = instant;

    /// <summary>The moment, for platforms that localise times themselves.</summary>
    public DateTimeOffset Instant { get; }
}
