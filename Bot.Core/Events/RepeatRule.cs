using System.Globalization;
using Ical.Net;
using Ical.Net.DataTypes;

namespace Bot.Core.Events;

/// <summary>
/// Checks a repeat rule (an iCalendar <c>RRULE</c>) before it is expanded. Events repeat daily at the
/// most and at their own start time, so the rules that could flood the schedule or keep the expander
/// busy for ever are refused with a reason: a frequency below a day, <c>BYHOUR</c>/<c>BYMINUTE</c>/<c>BYSECOND</c>,
/// and <c>COUNT</c> above <see cref="MaxCount"/> (a count is walked from the first start).
/// </summary>
internal static class RepeatRule
{
    /// <summary>The largest <c>COUNT</c> accepted: 20 years of a weekly meetup.</summary>
    public const int MaxCount = 1040;

    /// <summary>The rule parsed, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static RecurrenceRule? TryParse(string? text, out string problem)
    {
        problem = string.Empty;
        var rule = (text ?? string.Empty).Trim();
        if (rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            rule = rule[6..];
        }

        if (rule.Length is 0 or > 500)
        {
            problem = "a rule such as FREQ=WEEKLY;BYDAY=TU is needed";
            return null;
        }

        RecurrenceRule parsed;
        try
        {
            parsed = new RecurrenceRule(rule);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            problem = $"'{rule}' is not an iCalendar RRULE ({ex.Message.Split(" (Parameter", 2)[0]})";
            return null;
        }

        if (!rule.Contains("FREQ=", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{rule}' has no FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)";
        }
        else if (parsed.Frequency is FrequencyType.Secondly or FrequencyType.Minutely or FrequencyType.Hourly)
        {
            problem = $"'{rule}' repeats more often than daily; events repeat DAILY, WEEKLY, MONTHLY or YEARLY";
        }
        else if (parsed.ByHour.Count > 0 || parsed.ByMinute.Count > 0 || parsed.BySecond.Count > 0)
        {
            problem = $"'{rule}' sets BYHOUR, BYMINUTE or BYSECOND; an event repeats at its own start time";
        }
        else if (parsed.Count is { } count && (count < 1 || count > MaxCount))
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"'{rule}' has COUNT={count}; at most {MaxCount} (or use UNTIL)");
        }
        else if (parsed.Interval is < 1 or > 1000)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"'{rule}' has INTERVAL={parsed.Interval}; between 1 and 1000");
        }

        return problem.Length == 0 ? parsed : null;
    }
}
