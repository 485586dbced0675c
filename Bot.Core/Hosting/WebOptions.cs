namespace Bot.Core.Hosting;

/// <summary>
/// The bot's own web host (section <c>Web</c>): off unless <see cref="Urls"/> is set, in any mode
/// (terminal chat, polling, gateway). It serves the events as a calendar (<c>/events.ics</c>).
/// </summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Web";

    /// <summary>Where to listen, semicolon separated (<c>http://0.0.0.0:8080</c>); empty: no web host (a platform's webhook mode may still run one).</summary>
    public string? Urls { get; set; }

    /// <summary>The address the web host is reached at from outside (<c>https://bot.example.org</c>); <c>/events</c> and <c>/abonneer</c> then give the calendar link.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The listen URLs, one per entry.</summary>
    public IReadOnlyList<string> ListenUrls() =>
        (Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The public calendar link (<c>{PublicUrl}/events.ics</c>), or null without a public URL.</summary>
    public Uri? CalendarUrl(string? kind = null)
    {
        if (PublicUrl is null)
        {
            return null;
        }

        var path = kind is null ? "events.ics" : $"events/{kind}.ics";
        return new Uri(PublicUrl.AbsoluteUri.TrimEnd('/') + "/" + path);
    }
}
