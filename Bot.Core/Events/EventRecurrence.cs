namespace Bot.Core.Events;

/// <summary>
/// How an event repeats: an iCalendar <c>RRULE</c> (checked by <see cref="RepeatRule"/>), the starts it
/// skips, and the occurrences a feed moved or cancelled. Expanded by <see cref="RecurrenceExpander"/>.
/// </summary>
/// <param name="Rule">The rule as written, e.g. <c>FREQ=WEEKLY;BYDAY=TU</c>.</param>
/// <param name="Except">Skipped starts: a wall-clock time in the event's zone, or a whole day (<see cref="ExceptDates"/>).</param>
/// <param name="ExceptDates">Skipped days: every occurrence that starts on that local date.</param>
/// <param name="Overrides">Occurrences a feed changed (<c>RECURRENCE-ID</c>), by their original start.</param>
internal sealed record EventRecurrence(
    string Rule,
    IReadOnlyList<DateTime> Except,
    IReadOnlyList<DateOnly> ExceptDates,
    IReadOnlyList<OccurrenceOverride> Overrides)
{
    /// <summary>A rule without exceptions or overrides.</summary>
    public static EventRecurrence Of(string rule) => new(rule, [], [], []);
}

/// <summary>One occurrence a feed changed: moved or retitled (<paramref name="Replacement"/>), or cancelled (null).</summary>
/// <param name="OriginalStartUtc">The start the rule gives it (its <c>RECURRENCE-ID</c>); the occurrence keeps the id of this start.</param>
/// <param name="Replacement">The occurrence as it now is; null when it is cancelled.</param>
internal sealed record OccurrenceOverride(DateTimeOffset OriginalStartUtc, BotEvent? Replacement);
