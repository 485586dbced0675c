using Bot.Core.Commands;
using Bot.Discord.Api;

namespace Bot.Discord.Interactions;

/// <summary>No content index registered: autocomplete offers nothing.</summary>
internal sealed class NoSuggestionSource : ISuggestionSource
{
    public IReadOnlyList<AutocompleteChoice> Suggest(SuggestionKind kind, string typed, string locale, int max) => [];
}
