using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>
/// <c>/event toevoegen|wijzigen|verwijderen &lt;id&gt; [veld: waarde; …]</c> (moderators): edits the event catalog at
/// runtime. Each edit is stored (layered over <c>events.yaml</c>, newest edit per id wins) and applied to the
/// catalog at once, whose change reschedules the reminders.
/// </summary>
internal sealed class EventEditHandler : ICommandHandler
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["titel"] = "title", ["title"] = "title", ["titel-nl"] = "title_nl", ["title-nl"] = "title_nl", ["titel-en"] = "title_en", ["title-en"] = "title_en",
        ["start"] = "start", ["begin"] = "start", ["eind"] = "end", ["end"] = "end",
        ["tijdzone"] = "timezone", ["timezone"] = "timezone", ["zone"] = "timezone",
        ["plaats"] = "location", ["locatie"] = "location", ["location"] = "location", ["link"] = "link",
        ["soort"] = "kind", ["kind"] = "kind", ["herinneringen"] = "reminders", ["reminders"] = "reminders",
    };

    private readonly EventEditStore _store;
    private readonly EventCatalog _catalog;
    private readonly UiTexts _texts;
    private readonly string _defaultZone;
    private readonly TimeProvider _time;

    public EventEditHandler(EventEditStore store, EventCatalog catalog, UiTexts texts, IOptions<ModerationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _store = store;
        _catalog = catalog;
        _texts = texts;
        _defaultZone = options.Value.TimeZone;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "event",
        [],
        new LocalizedText("Event toevoegen, wijzigen of verwijderen (moderators)", "Add, change or delete an event (moderators)"),
        ArgumentUse.Required,
        new LocalizedText("wijziging", "change"),
        Audience: CommandAudience.Moderators,
        TakesText: true);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var parts = request.Arguments.Split([' ', '\n'], 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2)
        {
            return Error(language, Usage(language));
        }

        var action = parts[0].ToLowerInvariant();
        var id = parts[1];
        var existing = _catalog.All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
        if (!TryFields(parts.Length > 2 ? parts[2] : string.Empty, out var given, out var badField))
        {
            return Error(language, ModerationTexts.Pick(language, $"Onbekend veld '{badField}'. ", $"Unknown field '{badField}'. ") + Usage(language));
        }

        switch (action)
        {
            case "verwijderen" or "delete" or "remove":
                if (existing is null)
                {
                    return Error(language, ModerationTexts.Pick(language, $"Er is geen event '{id}'.", $"There is no event '{id}'."));
                }

                await _store.SaveAsync(existing.Id, string.Empty, deleted: true, ModerationTexts.Actor(request), request.Chat.ToString(), cancellationToken);
                await _store.ApplyAsync(_catalog, cancellationToken);
                return Done(ModerationTexts.Pick(language, $"Event '{existing.Id}' verwijderd; de herinneringen ervan vervallen.", $"Event '{existing.Id}' deleted; its reminders are gone."));

            case "toevoegen" or "add" or "wijzigen" or "edit" or "change":
                var adding = action is "toevoegen" or "add";
                if (adding && existing is not null)
                {
                    return Error(language, ModerationTexts.Pick(language, $"Event '{id}' bestaat al; gebruik /event wijzigen.", $"Event '{id}' already exists; use /event edit."));
                }

                if (!adding && existing is null)
                {
                    return Error(language, ModerationTexts.Pick(language, $"Er is geen event '{id}'.", $"There is no event '{id}'."));
                }

                var fields = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = "protest", ["timezone"] = _defaultZone } : Fields(existing);
                foreach (var (key, value) in given)
                {
                    if (key == "title")
                    {
                        fields["title_nl"] = value;
                        fields["title_en"] = value;
                    }
                    else
                    {
                        fields[key] = value;
                    }
                }

                var problems = Check(existing?.Id ?? id, fields, language);
                if (problems.Count > 0)
                {
                    return Error(language, string.Join(" ", problems));
                }

                var yaml = Yaml(existing?.Id ?? id, fields);
                var parsed = EventYamlParser.Parse(yaml, "/event");
                if (parsed.Problems.Count > 0 || parsed.Events.Count != 1)
                {
                    // Check above words every rule the parser has; this is only a safety net.
                    return Error(language, ModerationTexts.Pick(language, "Dit event kan ik zo niet opslaan. ", "I can't store this event like that. ") + Usage(language));
                }

                var edited = parsed.Events[0];
                await _store.SaveAsync(edited.Id, yaml, deleted: false, ModerationTexts.Actor(request), request.Chat.ToString(), cancellationToken);
                await _store.ApplyAsync(_catalog, cancellationToken);
                var when = EventTexts.LocalStart(edited, language);
                return Done(ModerationTexts.Pick(language,
                    $"Event '{edited.Id}' {(adding ? "toegevoegd" : "gewijzigd")}: {edited.Title.Nl}, {when}. De herinneringen zijn opnieuw ingepland.",
                    $"Event '{edited.Id}' {(adding ? "added" : "changed")}: {edited.Title.En}, {when}. Its reminders are rescheduled."));

            default:
                return Error(language, Usage(language));
        }
    }

    /// <summary>
    /// What is wrong with the fields, in the user's language and with the field names they typed
    /// (<c>soort</c>, <c>tijdzone</c>), before the parser (whose messages are for <c>events.yaml</c> editors) sees them.
    /// Dates are rewritten in place to the parser's form, so <c>1-5-2026 14:00</c> and <c>morgen 9:30</c> work too.
    /// </summary>
    private List<string> Check(string id, Dictionary<string, string> fields, UiLanguage language)
    {
        string Name(string nl, string en) => ModerationTexts.Pick(language, nl, en);
        var problems = new List<string>();
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            problems.Add(Name($"Een id bestaat uit letters, cijfers, '-', '_' of '.' (niet '{id}').", $"An id is letters, digits, '-', '_' or '.' (not '{id}')."));
        }

        var kind = fields.GetValueOrDefault("kind", "protest").Trim().ToLowerInvariant();
        kind = kind switch { "top" => "summit", "anders" or "overig" => "other", _ => kind };
        if (kind is "summit" or "protest" or "other")
        {
            fields["kind"] = kind;
        }
        else
        {
            problems.Add(Name($"soort is top, protest of anders (niet '{kind}').", $"kind is summit, protest or other (not '{kind}')."));
        }

        if (string.IsNullOrWhiteSpace(fields.GetValueOrDefault("title_nl")) && string.IsNullOrWhiteSpace(fields.GetValueOrDefault("title_en")))
        {
            problems.Add(Name("Een titel ontbreekt, bijvoorbeeld titel: Protest in Utrecht.", "A title is missing, for example title: Protest in Utrecht."));
        }

        var zoneText = fields.GetValueOrDefault("timezone", _defaultZone);
        if (!ZoneTime.TryFind(zoneText, out var zone))
        {
            problems.Add(Name($"tijdzone is een tijdzone zoals Europe/Amsterdam (niet '{zoneText}').", $"timezone is a time zone such as Europe/Amsterdam (not '{zoneText}')."));
            zone = TimeZoneInfo.FindSystemTimeZoneById(_defaultZone);
        }

        DateTime? start = null;
        if (!fields.TryGetValue("start", out var startText) || string.IsNullOrWhiteSpace(startText))
        {
            problems.Add(Name("start ontbreekt, bijvoorbeeld start: 2026-05-01 14:00.", "start is missing, for example start: 2026-05-01 14:00."));
        }
        else if ((start = LocalTime(startText, zone)) is { } s)
        {
            fields["start"] = Iso(startText, s);
        }
        else
        {
            problems.Add(Name($"start '{startText}' kan ik niet lezen; schrijf bijvoorbeeld 2026-05-01 14:00 of morgen 19:00.", $"I can't read start '{startText}'; write for example 2026-05-01 14:00 or tomorrow 19:00."));
        }

        if (fields.TryGetValue("end", out var endText) && !string.IsNullOrWhiteSpace(endText))
        {
            if (LocalTime(endText, zone) is not { } endAt)
            {
                problems.Add(Name($"eind '{endText}' kan ik niet lezen; schrijf bijvoorbeeld 2026-05-01 17:00.", $"I can't read end '{endText}'; write for example 2026-05-01 17:00."));
            }
            else if (start is { } begin && (endText.Trim().Length == 10 ? endAt.AddDays(1).AddMinutes(-1) : endAt) < begin)
            {
                problems.Add(Name("eind ligt vóór start.", "end is before start."));
            }
            else
            {
                fields["end"] = Iso(endText, endAt);
            }
        }

        if (fields.TryGetValue("link", out var link) && link.Length > 0
            && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add(Name($"link is een webadres dat met https:// begint (niet '{link}').", $"link is a web address starting with https:// (not '{link}')."));
        }

        if (fields.TryGetValue("reminders", out var reminders))
        {
            foreach (var item in reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ReminderOffset.TryParse(item, out _))
                {
                    problems.Add(Name($"herinneringen zijn bijvoorbeeld 7d, 1d, 1h of 30m (niet '{item}').", $"reminders look like 7d, 1d, 1h or 30m (not '{item}')."));
                }
            }
        }

        return problems;
    }

    /// <summary>The text as the parser reads it: kept when already in its form (a date alone means the whole day), else rewritten.</summary>
    private static string Iso(string text, DateTime value) =>
        DateTime.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text.Trim()
            : value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>A wall-clock time in <paramref name="zone"/>: <c>2026-05-01 14:00</c>, <c>2026-05-01T14:00</c>, <c>1-5-2026 14.00</c>, <c>morgen 9:30</c>, or a date alone.</summary>
    private DateTime? LocalTime(string text, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && ModerationTexts.TryParseMoment(parts[0], parts[1], zone, _time.GetUtcNow(), out var utc)
            ? TimeZoneInfo.ConvertTime(utc, zone).DateTime
            : null;
    }

    private static string Usage(UiLanguage language) => ModerationTexts.Pick(language,
        "Gebruik: /event toevoegen <id> titel: …; start: 2026-05-01 14:00; plaats: …; tijdzone: Europe/Amsterdam; soort: protest; link: https://… — of /event wijzigen <id> start: … — of /event verwijderen <id>",
        "Use: /event add <id> title: …; start: 2026-05-01 14:00; location: …; timezone: Europe/Amsterdam; kind: protest; link: https://… — or /event edit <id> start: … — or /event delete <id>");

    /// <summary>Reads <c>veld: waarde</c> pairs separated by <c>;</c> or line breaks.</summary>
    private static bool TryFields(string text, out List<(string Key, string Value)> fields, out string bad)
    {
        fields = [];
        bad = string.Empty;
        foreach (var piece in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = piece.IndexOfAny([':', '=']);
            var name = colon > 0 ? piece[..colon].Trim() : piece;
            if (colon <= 0 || !FieldNames.TryGetValue(name, out var key))
            {
                bad = name.Length > 30 ? name[..30] : name;
                return false;
            }

            fields.Add((key, piece[(colon + 1)..].Trim()));
        }

        return true;
    }

    private static Dictionary<string, string> Fields(BotEvent e)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = e.Kind.ToString().ToLowerInvariant(),
            ["title_nl"] = e.Title.Nl,
            ["title_en"] = e.Title.En,
            ["start"] = e.StartLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["end"] = e.EndLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["timezone"] = e.Zone.Id,
            ["location"] = e.Location,
        };
        if (e.Link is not null)
        {
            fields["link"] = e.Link.AbsoluteUri;
        }

        if (e.Offsets is { } offsets)
        {
            fields["reminders"] = string.Join(", ", offsets.Select(ReminderOffset.Format));
        }

        return fields;
    }

    /// <summary>One <c>events.yaml</c> entry; every value a JSON-escaped (so valid YAML) double-quoted string.</summary>
    private static string Yaml(string id, Dictionary<string, string> fields)
    {
        static string Q(string value) => JsonSerializer.Serialize(value);
        var yaml = new StringBuilder().Append("- id: ").AppendLine(Q(id));
        foreach (var key in new[] { "kind", "start", "end", "timezone", "location", "link" })
        {
            if (fields.TryGetValue(key, out var value) && value.Length > 0)
            {
                yaml.Append("  ").Append(key).Append(": ").AppendLine(Q(value));
            }
        }

        if (fields.TryGetValue("title_nl", out var nl) | fields.TryGetValue("title_en", out var en))
        {
            yaml.AppendLine("  title:").Append("    nl: ").AppendLine(Q(nl ?? en ?? string.Empty)).Append("    en: ").AppendLine(Q(en ?? nl ?? string.Empty));
        }

        if (fields.TryGetValue("reminders", out var reminders) && reminders.Length > 0)
        {
            yaml.Append("  reminders: [").Append(string.Join(", ", reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Q))).AppendLine("]");
        }

        return yaml.ToString();
    }

    private static Reply Done(string text) => Reply.FromBlocks(ReplyText.Paragraph(text));

    private static Reply Error(UiLanguage language, string text) =>
        Reply.FromBlocks(ReplyText.Paragraph(text.Length > 0 ? text : Usage(language))) with { IsError = true };
}
