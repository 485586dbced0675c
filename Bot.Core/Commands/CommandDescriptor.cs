using Bot.Core.Kernel;
namespace Bot.Core.Commands;

/// <summary>What a command is called and how platforms should offer it.</summary>
/// <param name="Name">The canonical name (<c>summit</c>); lower case ASCII letters, digits, <c>_</c>.</param>
/// <param name="Aliases">Other names that reach the same handler (<c>treaty</c> for <c>verdrag</c>).</param>
/// <param name="Description">One line per UI language (<c>nl</c>, <c>en</c>).</param>
/// <param name="Argument">Whether it takes an argument.</param>
/// <param name="ArgumentName">The argument's name per UI language, for slash-command options.</param>
/// <param name="Suggestions">Which entities autocomplete the argument, if any.</param>
/// <param name="Audience">Who may use it; the router enforces it, the handler does not check again.</param>
/// <param name="EnglishName">
/// The name English-speaking users see (help, menus, buttons) when <paramref name="Name"/> is Dutch
/// (<c>treaty</c> for <c>verdrag</c>); one of the <paramref name="Aliases"/>. Null when the name serves both.
/// </param>
/// <param name="TakesText">The argument is free text (an announcement): line breaks are kept and it may be up to <see cref="CommandLine.MaxTextLength"/> characters.</param>
public sealed record CommandDescriptor(
    string Name,
    IReadOnlyList<string> Aliases,
    LocalizedText Description,
    ArgumentUse Argument,
    LocalizedText? ArgumentName = null,
    SuggestionKind Suggestions = SuggestionKind.None,
    CommandAudience Audience = CommandAudience.Everyone,
    bool TakesText = false,
    string? EnglishName = null)
{
    /// <summary>The name shown to a user of this UI language: the English name for English, else <see cref="Name"/>.</summary>
    public string NameFor(UiLanguage language) => language == UiLanguage.En && EnglishName is { } english ? english : Name;

    /// <summary>
    /// It accepts one image sent with it (<see cref="CommandRequest.Attachment"/>): platforms whose commands have typed
    /// options offer an optional file option for it.
    /// </summary>
    public bool TakesImage { get; init; }

    /// <summary>Every name that reaches the command: the canonical name, then the aliases.</summary>
    public IEnumerable<string> AllNames => Aliases.Prepend(Name);
}
