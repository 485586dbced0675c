namespace Bot.Core.Commands;

/// <summary>The keys of the bot's own interface texts.</summary>
public enum UiText
{
    UnknownCommand,
    UnknownCommandDidYouMean,
    ModeratorsOnly,
    SomethingWentWrong,
    HelpIntro,
    NoMatch,
    DidYouMean,
    SeveralMatches,
    KnownSummits,
    KnownTreaties,
    OnlyInOtherLanguage,
    OtherLanguageMark,
    SearchNeedsText,
    SearchNoResults,
    SearchResults,
    NoAgenda,
    SlowDown,
    ReadMore,
    Unreadable,
    ButtonUnknown,
    ButtonExpired,
    ButtonNotYours,
}
