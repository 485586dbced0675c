using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Events;

/// <summary>
/// <c>/tijdzone [stad]</c> (alias <c>/timezone</c>): a member chooses the zone the bot shows times in, in private
/// chats with them. A city in Dutch or English or an IANA id; <c>uit</c>/<c>off</c> forgets it; alone, it shows the
/// current one. Stored per platform and user, answered privately.
/// </summary>
internal sealed class TimeZoneHandler(UserZoneStore store, UiTexts texts, TimeProvider time) : ICommandHandler
{
    private static readonly HashSet<string> Off = new(StringComparer.OrdinalIgnoreCase) { "uit", "off", "reset", "geen", "none", "wis", "clear" };

    public CommandDescriptor Descriptor { get; } = new(
        "tijdzone",
        ["timezone"],
        new LocalizedText("Kies je eigen tijdzone voor tijden in privéchats (een stad, of bijvoorbeeld Europe/London)", "Choose your own time zone for times in private chats (a city, or e.g. Europe/London)"),
        ArgumentUse.Optional,
        new LocalizedText("stad", "city"),
        EnglishName: "timezone");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        var command = "/" + Descriptor.NameFor(language);
        var platform = request.Chat.Platform;
        var input = request.Arguments.Trim();
        if (input.Length == 0)
        {
            var current = await store.GetAsync(platform, request.User.Id, cancellationToken);
            return Answer(ZoneTime.TryFind(current, out var zone)
                ? (en ? $"Your time zone: {Describe(zone, language)}. Choose another with {command} <city>, or {command} off."
                      : $"Je tijdzone: {Describe(zone, language)}. Kies een andere met {command} <stad>, of {command} uit.")
                : (en ? $"You have not chosen a time zone: times are shown in the event's own zone. Choose one with {command} <city>, for example {command} London or {command} Europe/Amsterdam."
                      : $"Je hebt geen eigen tijdzone gekozen: tijden staan in de tijdzone van het evenement. Kies er een met {command} <stad>, bijvoorbeeld {command} Amsterdam of {command} Europe/London."));
        }

        if (Off.Contains(input))
        {
            var removed = await store.RemoveAsync(platform, request.User.Id, cancellationToken);
            return Answer(removed
                ? (en ? "Your own time zone is forgotten: times are shown in the event's zone again." : "Je eigen tijdzone is gewist: tijden staan weer in de tijdzone van het evenement.")
                : (en ? "You had not chosen a time zone." : "Je had geen eigen tijdzone gekozen."));
        }

        if (!ZoneNames.TryResolve(input, out var chosen))
        {
            var shown = input.Length > 40 ? input[..40] + "…" : input;
            var close = ZoneNames.Suggest(input, language);
            var suggestions = string.Join(", ", close.Take(close.Count - 1)) + (en ? " or " : " of ") + close[^1];
            return Answer(
                en ? $"I don't know the time zone '{shown}'. Did you mean {suggestions}? Type a city, or a name such as Europe/Amsterdam."
                   : $"De tijdzone '{shown}' ken ik niet. Bedoel je {suggestions}? Typ een stad, of een naam zoals Europe/Amsterdam.",
                error: true);
        }

        await store.SetAsync(platform, request.User.Id, chosen.Id, cancellationToken);
        return Answer(en
            ? $"Your time zone is now {Describe(chosen, language)}. In private chats with the bot, times are shown in it from now on."
            : $"Je tijdzone is nu {Describe(chosen, language)}. In privéchats met de bot zie je tijden voortaan zo.");
    }

    /// <summary>"Londen (Londense tijd, nu 14:05)".</summary>
    private string Describe(TimeZoneInfo zone, UiLanguage language)
    {
        var clock = EventTexts.Clock(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime, language);
        return language == UiLanguage.En
            ? $"{ZoneNames.City(zone, language)} ({ZoneNames.InWords(zone, language)}, now {clock})"
            : $"{ZoneNames.City(zone, language)} ({ZoneNames.InWords(zone, language)}, nu {clock})";
    }

    private static Reply Answer(string text, bool error = false) =>
        Reply.FromBlocks(ReplyText.Paragraph(text)) with { IsError = error, Private = true };
}
