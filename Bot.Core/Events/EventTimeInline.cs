using Markdig.Syntax.Inlines;

namespace Bot.Core.Events;

/// <summary>How a platform that shows times in each reader's own zone writes an <see cref="EventTimeInline"/>.</summary>
public enum EventTimeStyle
{
    /// <summary>The full date and time, then how long from now ("in 12 days").</summary>
    FullAndRelative,

    /// <summary>The full date and time only.</summary>
    Full,

    /// <summary>How long from now only.</summary>
    Relative,
}

/// <summary>
/// A moment in a reply: literal text in the event's local time ("maandag 10 februari 2025, 09:00
/// Parijse tijd") that also carries the UTC instant. It is a <see cref="LiteralInline"/>, so every
/// renderer shows (and escapes) the local text; a platform that shows times in each reader's own
/// time zone may check for this type and write <see cref="Instant"/> its own way instead.
/// </summary>
public sealed class EventTimeInline : LiteralInline
{
    public EventTimeInline(string localText, DateTimeOffset instant, EventTimeStyle style = EventTimeStyle.FullAndRelative)
        : base(localText ?? string.Empty)
    {
        Instant = instant;
        Style = style;
    }

    /// <summary>The moment, for platforms that localise times themselves.</summary>
    public DateTimeOffset Instant { get; }

    /// <summary>What of the moment such a platform shows.</summary>
    public EventTimeStyle Style { get; }
}
