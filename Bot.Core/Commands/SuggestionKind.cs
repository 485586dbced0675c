namespace Bot.Core.Commands;

/// <summary>Which entities a command's argument can be completed from.</summary>
public enum SuggestionKind
{
    None,
    Summits,
    Treaties,
    Events,
}
