using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Events;
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

    public EventEditHandler(EventEditStore store, EventCatalog catalog, UiTexts texts, IOptions<ModerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
        ModeratorOnly: true,
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

                var yaml = Yaml(existing?.Id ?? id, fields);
                var parsed = EventYamlParser.Parse(yaml, "/event");
                if (parsed.Problems.Count > 0 || parsed.Events.Count != 1)
                {
                    return Error(language, string.Join(" ", parsed.Problems.Select(p => p.Message)));
                }

                var edited = parsed.Events[0];
                await _store.SaveAsync(edited.Id, yaml, deleted: false, ModerationTexts.Actor(request), request.Chat.ToString(), cancellationToken);
                await _store.ApplyAsync(_catalog, cancellationToken);
                var when = edited.StartLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({edited.Zone.Id})";
                return Done(ModerationTexts.Pick(language,
                    $"Event '{edited.Id}' {(adding ? "toegevoegd" : "gewijzigd")}: {edited.Title.Nl}, {when}. De herinneringen zijn opnieuw ingepland.",
                    $"Event '{edited.Id}' {(adding ? "added" : "changed")}: {edited.Title.En}, {when}. Its reminders are rescheduled."));

            default:
                return Error(language, Usage(language));
        }
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
