using System.Globalization;

namespace Bot.Core.Events;

/// <summary>Parses and prints reminder offsets written as <c>7d</c>, <c>1d</c>, <c>1h</c>, <c>30m</c>, <c>1d12h</c>.</summary>
internal static class ReminderOffset
{
    /// <summary>The offsets used when neither the event nor the settings name any: 7 days, 1 day, 1 hour.</summary>
    public static IReadOnlyList<TimeSpan> Defaults { get; } = [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(1)];

    /// <summary>Parses one offset; also accepts a .NET TimeSpan (<c>1.00:00:00</c>).</summary>
    public static bool TryParse(string? text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var s = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (s.Length == 0)
        {
            return false;
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out offset) && offset > TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var number = 0L;
        var digits = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                number = (number * 10) + (c - '0');
                if (++digits > 6)
                {
                    return false;
                }

                continue;
            }

            if (digits == 0)
            {
                return false;
            }

            TimeSpan unit;
            switch (c)
            {
                case 'w': unit = TimeSpan.FromDays(7); break;
                case 'd': unit = TimeSpan.FromDays(1); break;
                case 'h': unit = TimeSpan.FromHours(1); break;
                case 'm': unit = TimeSpan.FromMinutes(1); break;
                default: return false;
            }

            total += unit * number;
            number = 0;
            digits = 0;
        }

        if (digits != 0 || total <= TimeSpan.Zero)
        {
            return false;
        }

        offset = total;
        return true;
    }

    /// <summary>The short form used in keys and logs: <c>7d</c>, <c>1h</c>, <c>1d12h</c>.</summary>
    public static string Format(TimeSpan offset)
    {
        var parts = new System.Text.StringBuilder();
        if (offset.Days > 0)
        {
            parts.Append(CultureInfo.InvariantCulture, $"{offset.Days}d");
        }

        if (offset.Hours > 0)
        {
            parts.Append(CultureInfo.InvariantCulture, $"{offset.Hours}h");
        }

        if (offset.Minutes > 0 || parts.Length == 0)
        {
            parts.Append(CultureInfo.InvariantCulture, $"{offset.Minutes}m");
        }

        return parts.ToString();
    }
}
