using System.Collections.Frozen;
using System.Globalization;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>The bot's own interface texts in Dutch and English, and the choice between them.</summary>
public sealed class UiTexts
{
    private static readonly FrozenDictionary<UiText, LocalizedText> Texts = new Dictionary<UiText, LocalizedText>
    {
        [UiText.UnknownCommand] = new("Het commando /{0} ken ik niet. Typ /help voor wat ik wel kan.", "I don't know the command /{0}. Type /help to see what I can do."),
        [UiText.UnknownCommandDidYouMean] = new("Het commando /{0} ken ik niet. Bedoelde je {1}?", "I don't know the command /{0}. Did you mean {1}?"),
        [UiText.ModeratorsOnly] = new("Dit commando is alleen voor moderators.", "This command is for moderators only."),
        [UiText.SomethingWentWrong] = new("Er ging iets mis bij het beantwoorden. Probeer het later nog eens.", "Something went wrong while answering. Please try again later."),
        [UiText.HelpIntro] = new("Dit kan ik voor je doen:", "This is what I can do for you:"),
        [UiText.NoMatch] = new("Ik vond niets dat past bij \"{0}\".", "I found nothing that matches \"{0}\"."),
        [UiText.DidYouMean] = new("Bedoelde je {0}?", "Did you mean {0}?"),
        [UiText.SeveralMatches] = new("Meerdere passen bij \"{0}\". Welke bedoel je?", "Several match \"{0}\". Which one do you mean?"),
        [UiText.KnownSummits] = new("Deze toppen ken ik:", "These are the summits I know:"),
        [UiText.KnownTreaties] = new("Deze verdragen ken ik:", "These are the treaties I know:"),
        [UiText.OnlyInOtherLanguage] = new("Dit staat alleen op de Engelstalige pagina.", "This is only on the Dutch page."),
        [UiText.OtherLanguageMark] = new("(alleen in het Engels)", "(only in Dutch)"),
        [UiText.SearchNeedsText] = new("Waar moet ik naar zoeken? Bijvoorbeeld: /zoek verdrag", "What should I search for? For example: /search treaty"),
        [UiText.SearchNoResults] = new("Niets gevonden voor \"{0}\".", "Nothing found for \"{0}\"."),
        [UiText.SearchResults] = new("Beste resultaten voor \"{0}\":", "Best results for \"{0}\":"),
        [UiText.NoAgenda] = new("Er staat geen agenda in de inhoud.", "The content has no agenda."),
        [UiText.SlowDown] = new("Rustig aan! Probeer het zo weer.", "Slow down! Try again in a moment."),
        [UiText.ReadMore] = new("Lees verder", "Read more"),
        [UiText.Unreadable] = new("Dit bericht kon ik niet lezen. Probeer het opnieuw, zonder bijzondere tekens.", "I couldn't read that message. Please try again without unusual characters."),
        [UiText.ButtonUnknown] = new("Deze knop ken ik niet (meer). Typ het commando opnieuw.", "I don't know this button (any more). Please type the command again."),
        [UiText.ButtonExpired] = new("Deze knop is verlopen. Typ het commando opnieuw.", "This button has expired. Please type the command again."),
        [UiText.ButtonNotYours] = new("Deze knop is niet voor jou: alleen wie hem kreeg, kan hem gebruiken.", "This button is not for you: only the person it was shown to can use it."),
    }.ToFrozenDictionary();

    private readonly UiLanguage _default;

    public UiTexts(UiLanguage defaultLanguage = UiLanguage.Nl) => _default = defaultLanguage;

    /// <summary>The UI language for a platform locale: Dutch for <c>nl*</c>, English for <c>en*</c>, else the default.</summary>
    public UiLanguage LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return _default;
        }

        if (locale.StartsWith("nl", StringComparison.OrdinalIgnoreCase))
        {
            return UiLanguage.Nl;
        }

        return locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? UiLanguage.En : _default;
    }

    /// <summary>The text for a key in a language, with arguments filled in.</summary>
    public static string Get(UiLanguage language, UiText key, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Texts[key].For(language), args);

    /// <summary>A reply that reports a problem in one paragraph.</summary>
    public static Reply Error(UiLanguage language, UiText key, params object[] args) =>
        Reply.FromBlocks(ReplyText.Paragraph(Get(language, key, args))) with { IsError = true };
}
