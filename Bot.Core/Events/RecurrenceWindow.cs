namespace Bot.Core.Events;

/// <summary>How far a repeating event is expanded, so an endless rule stays a handful of occurrences.</summary>
/// <param name="Horizon">Occurrences that start up to this far ahead.</param>
/// <param name="MaxUpcoming">At most this many upcoming occurrences per series.</param>
/// <param name="LookBack">Past occurrences are looked for this far back.</param>
/// <param name="MaxPast">At most this many past occurrences per series (the most recent).</param>
internal sealed record RecurrenceWindow(TimeSpan Horizon, int MaxUpcoming, TimeSpan LookBack, int MaxPast)
{
    /// <summary>90 days ahead, 20 upcoming and 3 past occurrences per series, looked for a year back.</summary>
    public static RecurrenceWindow Default { get; } = new(TimeSpan.FromDays(90), 20, TimeSpan.FromDays(366), 3);
}
