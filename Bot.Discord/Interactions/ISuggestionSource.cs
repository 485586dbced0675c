using Bot.Core.Commands;
using Bot.Discord.Api;

namespace Bot.Discord.Interactions;

/// <summary>Autocomplete choices for a command argument.</summary>
internal interface ISuggestionSource
{
    /// <summary>At most <paramref name="max"/> choices for what the user typed so far.</summary>
    IReadOnlyList<AutocompleteChoice> Suggest(SuggestionKind kind, string typed, string locale, int max);
}
