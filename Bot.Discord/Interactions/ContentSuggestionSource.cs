using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Discord.Api;
using Bot.Discord.Rendering;

namespace Bot.Discord.Interactions;

/// <summary>Suggests summits and treaties from the content index: names containing the typed text first, else fuzzy matches.</summary>
/// <remarks>A choice's value is what a person would type (<c>seoul</c>, <c>montreal</c>), the same as the buttons ask.</remarks>
internal sealed class ContentSuggestionSource(ContentSource content, UiTexts texts, SummitPlaces places) : ISuggestionSource
{
    private const int MaxChoiceLength = 100;

    public IReadOnlyList<AutocompleteChoice> Suggest(SuggestionKind kind, string typed, string locale, int max)
    {
        var entityKind = kind switch
        {
            SuggestionKind.Summits => EntityKind.Summit,
            SuggestionKind.Treaties => EntityKind.Treaty,
            _ => (EntityKind?)null,
        };
        if (entityKind is null)
        {
            return [];
        }

        var index = content.Index;
        var uiLanguage = texts.LanguageOf(locale);
        var language = uiLanguage == UiLanguage.En ? "en" : "nl";
        typed = (typed ?? string.Empty).Trim();
        var all = index.All(entityKind.Value, language).Select(m => m.Entity).ToList();
        // Accents and case do not count ("montré" finds Montreal); folded first, as the process has no ICU to compare loosely.
        var loose = AccentFolding.Fold(typed);
        bool Contains(string text) => AccentFolding.Fold(text).Contains(loose, StringComparison.OrdinalIgnoreCase);
        var matches = typed.Length == 0
            ? all
            : all.Where(e => Contains(e.Name) || Contains(e.Key) || (places.For(e.Place, uiLanguage) is { } place && Contains(place.Place)))
                .OrderBy(e => AccentFolding.Fold(e.Name).StartsWith(loose, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ToList();
        if (matches.Count == 0 && typed.Length > 0)
        {
            var resolution = index.Resolve(entityKind.Value, typed, language);
            matches = (resolution.Best is { } best ? [best] : resolution.Candidates).Select(m => m.Entity).ToList();
        }

        return matches
            .Where(e => e.Key.Length is > 0 and <= MaxChoiceLength)
            .DistinctBy(e => e.Key)
            .Take(max)
            .Select(e => new AutocompleteChoice(DiscordMarkdown.Truncate(e.Name.Length > 0 ? e.Name : e.Key, MaxChoiceLength), DiscordMarkdown.Truncate(EntityReplies.AskFor(index, places, e, uiLanguage), MaxChoiceLength)))
            .ToList();
    }
}
