using System.Text;
using Bot.Core.Content;
using Bot.Core.Kernel;

namespace Bot.Core.Events;

/// <summary>
/// Time zones as people say them: "Amsterdamse tijd" / "Amsterdam time" instead of <c>Europe/Amsterdam</c>,
/// and the other way round for <c>/tijdzone</c>: a city in Dutch or English, or an IANA id, to a zone.
/// </summary>
internal static class ZoneNames
{
    /// <summary>Zones with their city in Dutch and English and the Dutch adjective ("Amsterdamse"), where Dutch has one in use.</summary>
    private static readonly (string Id, string Nl, string En, string? NlAdjective)[] Known =
    [
        ("Europe/Amsterdam", "Amsterdam", "Amsterdam", "Amsterdamse"),
        ("Europe/Brussels", "Brussel", "Brussels", "Brusselse"),
        ("Europe/London", "Londen", "London", "Londense"),
        ("Europe/Paris", "Parijs", "Paris", "Parijse"),
        ("Europe/Berlin", "Berlijn", "Berlin", "Berlijnse"),
        ("Europe/Rome", "Rome", "Rome", "Romeinse"),
        ("Europe/Madrid", "Madrid", "Madrid", "Madrileense"),
        ("Europe/Lisbon", "Lissabon", "Lisbon", "Lissabonse"),
        ("Europe/Dublin", "Dublin", "Dublin", "Dublinse"),
        ("Europe/Vienna", "Wenen", "Vienna", "Weense"),
        ("Europe/Zurich", "Zürich", "Zurich", "Zürichse"),
        ("Europe/Copenhagen", "Kopenhagen", "Copenhagen", "Kopenhaagse"),
        ("Europe/Stockholm", "Stockholm", "Stockholm", "Stockholmse"),
        ("Europe/Oslo", "Oslo", "Oslo", "Oslose"),
        ("Europe/Helsinki", "Helsinki", "Helsinki", null),
        ("Europe/Warsaw", "Warschau", "Warsaw", "Warschause"),
        ("Europe/Prague", "Praag", "Prague", "Praagse"),
        ("Europe/Athens", "Athene", "Athens", "Atheense"),
        ("Europe/Kyiv", "Kyiv", "Kyiv", null),
        ("Europe/Istanbul", "Istanbul", "Istanbul", null),
        ("America/New_York", "New York", "New York", "New Yorkse"),
        ("America/Chicago", "Chicago", "Chicago", null),
        ("America/Denver", "Denver", "Denver", null),
        ("America/Los_Angeles", "Los Angeles", "Los Angeles", null),
        ("America/Toronto", "Toronto", "Toronto", null),
        ("America/Vancouver", "Vancouver", "Vancouver", null),
        ("America/Mexico_City", "Mexico-Stad", "Mexico City", null),
        ("America/Sao_Paulo", "São Paulo", "São Paulo", null),
        ("America/Argentina/Buenos_Aires", "Buenos Aires", "Buenos Aires", null),
        ("Asia/Seoul", "Seoul", "Seoul", "Koreaanse"),
        ("Asia/Tokyo", "Tokio", "Tokyo", "Japanse"),
        ("Asia/Shanghai", "Shanghai", "Shanghai", null),
        ("Asia/Hong_Kong", "Hongkong", "Hong Kong", null),
        ("Asia/Singapore", "Singapore", "Singapore", null),
        ("Asia/Kolkata", "India", "India", "Indiase"),
        ("Asia/Dubai", "Dubai", "Dubai", null),
        ("Asia/Jerusalem", "Jeruzalem", "Jerusalem", null),
        ("Australia/Sydney", "Sydney", "Sydney", null),
        ("Australia/Melbourne", "Melbourne", "Melbourne", null),
        ("Pacific/Auckland", "Auckland", "Auckland", null),
        ("Africa/Lagos", "Lagos", "Lagos", null),
        ("Africa/Nairobi", "Nairobi", "Nairobi", null),
        ("Africa/Johannesburg", "Johannesburg", "Johannesburg", null),
    ];

    /// <summary>Other names people type for a zone ("nederland", "uk", "india", "delhi").</summary>
    private static readonly (string Name, string Id)[] Aliases =
    [
        ("nederland", "Europe/Amsterdam"), ("netherlands", "Europe/Amsterdam"), ("holland", "Europe/Amsterdam"), ("den haag", "Europe/Amsterdam"), ("the hague", "Europe/Amsterdam"), ("rotterdam", "Europe/Amsterdam"), ("utrecht", "Europe/Amsterdam"),
        ("belgie", "Europe/Brussels"), ("belgium", "Europe/Brussels"), ("antwerpen", "Europe/Brussels"), ("gent", "Europe/Brussels"),
        ("uk", "Europe/London"), ("engeland", "Europe/London"), ("england", "Europe/London"), ("verenigd koninkrijk", "Europe/London"), ("united kingdom", "Europe/London"),
        ("frankrijk", "Europe/Paris"), ("france", "Europe/Paris"), ("duitsland", "Europe/Berlin"), ("germany", "Europe/Berlin"),
        ("india", "Asia/Kolkata"), ("delhi", "Asia/Kolkata"), ("new delhi", "Asia/Kolkata"), ("calcutta", "Asia/Kolkata"),
        ("san francisco", "America/Los_Angeles"), ("seattle", "America/Los_Angeles"), ("washington", "America/New_York"), ("boston", "America/New_York"),
        ("korea", "Asia/Seoul"), ("zuid-korea", "Asia/Seoul"), ("south korea", "Asia/Seoul"), ("japan", "Asia/Tokyo"),
        ("utc", "UTC"), ("gmt", "UTC"),
    ];

    /// <summary>"Amsterdamse tijd" / "Amsterdam time"; a zone without a city: "tijd in Seoul", or its id for odd ones.</summary>
    public static string InWords(TimeZoneInfo zone, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (IsUtc(zone.Id))
        {
            return "UTC";
        }

        var known = Array.Find(Known, k => k.Id.Equals(zone.Id, StringComparison.OrdinalIgnoreCase));
        var city = known.Id is not null ? (language == UiLanguage.En ? known.En : known.Nl) : CityOf(zone.Id);
        if (language == UiLanguage.En)
        {
            return city + " time";
        }

        return known.NlAdjective is { } adjective ? adjective + " tijd" : "tijd in " + city;
    }

    /// <summary>The city a zone is named after, in a language ("Londen" / "London").</summary>
    public static string City(TimeZoneInfo zone, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var known = Array.Find(Known, k => k.Id.Equals(zone.Id, StringComparison.OrdinalIgnoreCase));
        return known.Id is not null ? (language == UiLanguage.En ? known.En : known.Nl) : IsUtc(zone.Id) ? "UTC" : CityOf(zone.Id);
    }

    /// <summary>A zone from what a member typed: a city (Dutch or English), a country we know, or an IANA id.</summary>
    public static bool TryResolve(string? input, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64)
        {
            return false;
        }

        var key = Normalize(input);
        var id = Names().FirstOrDefault(n => n.Key == key).Id;
        return id is not null ? ZoneTime.TryFind(id, out zone) : input.Contains('/', StringComparison.Ordinal) && ZoneTime.TryFind(input.Trim(), out zone);
    }

    /// <summary>Up to <paramref name="count"/> names close to what was typed, for an error that helps.</summary>
    public static IReadOnlyList<string> Suggest(string? input, UiLanguage language, int count = 3)
    {
        var key = Normalize(input ?? string.Empty);
        return [.. Known
            .Select(k => (Name: language == UiLanguage.En ? k.En : k.Nl, Distance: Math.Min(Distance(key, Normalize(k.Nl)), Math.Min(Distance(key, Normalize(k.En)), Distance(key, Normalize(k.Id))))))
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Name)];
    }

    private static IEnumerable<(string Key, string Id)> Names()
    {
        foreach (var k in Known)
        {
            yield return (Normalize(k.Id), k.Id);
            yield return (Normalize(k.Nl), k.Id);
            yield return (Normalize(k.En), k.Id);
        }

        foreach (var (name, id) in Aliases)
        {
            yield return (Normalize(name), id);
        }

        // Every zone the system knows, by its id and by its city (Buenos_Aires, Kathmandu, …).
        foreach (var system in TimeZoneInfo.GetSystemTimeZones())
        {
            yield return (Normalize(system.Id), system.Id);
            yield return (Normalize(CityOf(system.Id)), system.Id);
        }
    }

    private static bool IsUtc(string id) => id is "UTC" or "Etc/UTC" or "Etc/GMT" or "GMT" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu";

    private static string CityOf(string id) => id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ');

    /// <summary>Lower case, without accents, spaces, underscores or dashes: "São Paulo" and "sao_paulo" are one key.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in AccentFolding.Fold(text.Trim()))
        {
            if (c is not (' ' or '_' or '-' or '.' or '\''))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
