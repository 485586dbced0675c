namespace Bot.Core.Scheduling;

/// <summary>Settings of reminders and countdown posts (section <c>Reminders</c>).</summary>
internal sealed class RemindersOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reminders";

    /// <summary>Default offsets before an event's start (<c>7d</c>, <c>1d</c>, <c>1h</c>); an event may name its own.</summary>
    public List<string> Offsets { get; set; } = [];

    /// <summary>Post a countdown every day at <see cref="DailyCountdownTime"/> (the event's local time) during the last days before it.</summary>
    public int DailyCountdownDays { get; set; }

    /// <summary>The local time of day of the countdown post, <c>HH:mm</c>.</summary>
    public string DailyCountdownTime { get; set; } = "09:00";

    /// <summary>The offsets in effect (the defaults when none are configured).</summary>
    public IReadOnlyList<TimeSpan> EffectiveOffsets()
    {
        if (Offsets.Count == 0)
        {
            return Bot.Core.Events.ReminderOffset.Defaults;
        }

        var result = new List<TimeSpan>();
        foreach (var text in Offsets)
        {
            if (Bot.Core.Events.ReminderOffset.TryParse(text, out var offset))
            {
                result.Add(offset);
            }
        }

        return [.. result.Distinct().OrderByDescending(o => o)];
    }

    /// <summary>The countdown time of day.</summary>
    public TimeOnly EffectiveCountdownTime() =>
        TimeOnly.TryParseExact(DailyCountdownTime, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : new TimeOnly(9, 0);
}
