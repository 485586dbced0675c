using System.Globalization;
using Bot.Core.Kernel;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Bot.Core.Events;

/// <summary>
/// Reads <c>events.yaml</c>. Each entry is checked on its own: a bad entry is reported with its line
/// and skipped, the others load. Uses the YAML node model (not object binding) to know every line.
/// </summary>
internal static class EventYamlParser
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>Parses the text of an events file; <paramref name="source"/> names it in problems.</summary>
    public static CatalogLoadResult Parse(string yaml, string source)
    {
        var events = new List<BotEvent>();
        var problems = new List<CatalogProblem>();
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml ?? string.Empty)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            // The whole file is unreadable: one problem that says where.
            problems.Add(new CatalogProblem(source, (int)ex.Start.Line, "not valid YAML: " + ex.Message, (int)ex.Start.Column));
            return new CatalogLoadResult(events, problems, Unreadable: true);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails without a position on some inputs (an unclosed '[' before more
            // text): name the last place it read well.
            var at = parser.LastStart;
            problems.Add(new CatalogProblem(source, (int)at.Line, "not valid YAML: the text from here on is not well-formed (an unclosed '[', '{' or quote?)", (int)at.Column));
            return new CatalogLoadResult(events, problems, Unreadable: true);
        }

        if (stream.Documents.Count == 0)
        {
            return new CatalogLoadResult(events, problems);
        }

        var root = stream.Documents[0].RootNode;
        YamlSequenceNode? list = root as YamlSequenceNode;
        if (root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("events"), out var node))
        {
            list = node as YamlSequenceNode;
        }

        if (list is null)
        {
            problems.Add(new CatalogProblem(source, Line(root), "expected a list under 'events:'"));
            return new CatalogLoadResult(events, problems);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.Children)
        {
            var line = Line(item);
            if (item is not YamlMappingNode entry)
            {
                problems.Add(new CatalogProblem(source, line, "an event must be a mapping (id:, kind:, title:, …)"));
                continue;
            }

            var errors = new List<string>();
            var parsed = ParseEntry(entry, errors);
            if (parsed is not null && !seen.Add(parsed.Id))
            {
                errors.Add($"id '{parsed.Id}' is used twice");
            }

            if (errors.Count > 0 || parsed is null)
            {
                var id = Scalar(entry, "id");
                var prefix = string.IsNullOrWhiteSpace(id) ? "event" : $"event '{id}'";
                problems.Add(new CatalogProblem(source, line, $"{prefix} skipped: {string.Join("; ", errors)}"));
                continue;
            }

            events.Add(parsed with { Source = $"{source}:{line}" });
        }

        return new CatalogLoadResult(events, problems);
    }

    private static BotEvent? ParseEntry(YamlMappingNode entry, List<string> errors)
    {
        var id = Scalar(entry, "id")?.Trim() ?? string.Empty;
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("'id' is required: letters, digits, '-', '_' or '.'");
        }

        var kindText = Scalar(entry, "kind");
        EventKind kind = EventKind.Other;
        if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || int.TryParse(kindText, out _))
        {
            errors.Add($"'kind' must be summit, protest or other (was '{kindText}')");
        }

        string? nl = null;
        string? en = null;
        if (entry.Children.TryGetValue(new YamlScalarNode("title"), out var titleNode))
        {
            if (titleNode is YamlMappingNode titles)
            {
                nl = Scalar(titles, "nl");
                en = Scalar(titles, "en");
            }
            else if (titleNode is YamlScalarNode single)
            {
                nl = en = single.Value;
            }
        }

        if (string.IsNullOrWhiteSpace(nl) && string.IsNullOrWhiteSpace(en))
        {
            errors.Add("'title' needs 'nl' and/or 'en'");
        }

        var zoneId = Scalar(entry, "timezone");
        if (!ZoneTime.TryFind(zoneId, out var zone))
        {
            errors.Add($"'timezone' must be an IANA time zone such as Europe/Amsterdam (was '{zoneId}')");
        }

        var start = ParseDate(Scalar(entry, "start"), "start", errors, endOfDay: false);
        var end = Scalar(entry, "end") is { } endText ? ParseDate(endText, "end", errors, endOfDay: true) : start;
        if (start is not null && end is not null && end < start)
        {
            errors.Add("'end' is before 'start'");
        }

        Uri? link = null;
        var linkText = Scalar(entry, "link");
        if (!string.IsNullOrWhiteSpace(linkText)
            && (!Uri.TryCreate(linkText, UriKind.Absolute, out link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"'link' must be an http(s) URL (was '{linkText}')");
            link = null;
        }

        List<TimeSpan>? offsets = null;
        if (entry.Children.TryGetValue(new YamlScalarNode("reminders"), out var remindersNode))
        {
            offsets = [];
            var items = remindersNode is YamlSequenceNode seq ? seq.Children : [remindersNode];
            foreach (var item in items)
            {
                var text = (item as YamlScalarNode)?.Value;
                if (ReminderOffset.TryParse(text, out var offset))
                {
                    offsets.Add(offset);
                }
                else
                {
                    errors.Add($"'reminders' entries look like 7d, 1d, 1h or 30m (was '{text}')");
                }
            }
        }

        var recurrence = ParseRepeat(entry, errors);
        if (errors.Count > 0 || start is null || end is null)
        {
            return null;
        }

        var e = new BotEvent(
            id,
            kind,
            new LocalizedText(string.IsNullOrWhiteSpace(nl) ? en! : nl, string.IsNullOrWhiteSpace(en) ? nl! : en),
            start.Value,
            end.Value,
            zone,
            Scalar(entry, "location")?.Trim() ?? string.Empty,
            link,
            offsets?.Distinct().OrderByDescending(o => o).ToArray());
        return recurrence is null ? e : e with { Recurrence = recurrence };
    }

    /// <summary>
    /// <c>repeat: "FREQ=WEEKLY;BYDAY=TU"</c> (an iCalendar RRULE; start and end are then the first
    /// occurrence) and <c>except: [2026-12-22, 2026-12-29T19:00]</c> (a day skips every occurrence that
    /// starts on it, a date-time the one that starts then).
    /// </summary>
    private static EventRecurrence? ParseRepeat(YamlMappingNode entry, List<string> errors)
    {
        var repeat = Scalar(entry, "repeat");
        var hasExcept = entry.Children.TryGetValue(new YamlScalarNode("except"), out var exceptNode);
        if (repeat is null)
        {
            if (hasExcept)
            {
                errors.Add("'except' needs 'repeat'");
            }

            return null;
        }

        if (RepeatRule.TryParse(repeat, out var problem) is null)
        {
            errors.Add($"'repeat' {problem}");
            return null;
        }

        var except = new List<DateTime>();
        var days = new List<DateOnly>();
        foreach (var item in !hasExcept ? [] : exceptNode is YamlSequenceNode seq ? seq.Children : [exceptNode!])
        {
            var text = (item as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
            if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                if (text.Length == 10)
                {
                    days.Add(DateOnly.FromDateTime(value));
                }
                else
                {
                    except.Add(DateTime.SpecifyKind(value, DateTimeKind.Unspecified));
                }
            }
            else
            {
                errors.Add($"'except' entries are local dates or date-times such as 2026-12-22 or 2026-12-22T19:00 (was '{text}')");
            }
        }

        return new EventRecurrence(repeat.Trim(), except, days, []);
    }

    private static DateTime? ParseDate(string? text, string field, List<string> errors, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"'{field}' is required (local time such as 2025-02-10T09:00)");
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            var dateOnly = text.Trim().Length == 10;
            return DateTime.SpecifyKind(dateOnly && endOfDay ? value.AddDays(1).AddMinutes(-1) : value, DateTimeKind.Unspecified);
        }

        errors.Add($"'{field}' must be a local date-time such as 2025-02-10T09:00, without offset (was '{text}')");
        return null;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>A parser that remembers where the last event it produced began.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastStart { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                LastStart = current.Start;
            }

            return moved;
        }
    }
}
