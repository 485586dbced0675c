using Bot.Core.Commands;
using Bot.Discord.Api;
using Bot.Discord.Interactions;

namespace Bot.Tests.Discord.Support;

/// <summary>Offers 40 summits, more than Discord allows, so the cap is tested.</summary>
internal sealed class FakeSuggestions : ISuggestionSource
{
    public IReadOnlyList<AutocompleteChoice> Suggest(SuggestionKind kind, string typed, string locale, int max) =>
        Enumerable.Range(1, 40)
            .Select(i => new AutocompleteChoice($"{typed} summit {i} ({locale})", $"summit-{i}"))
            .ToList();
}
