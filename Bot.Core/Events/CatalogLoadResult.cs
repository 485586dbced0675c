namespace Bot.Core.Events;

/// <summary>The events read from one source and the entries that were skipped.</summary>
/// <param name="Events">The events that loaded.</param>
/// <param name="Problems">The entries that were skipped, each with its line.</param>
/// <param name="Unreadable">The source as a whole could not be read (a YAML syntax error): its one problem says where.</param>
internal sealed record CatalogLoadResult(IReadOnlyList<BotEvent> Events, IReadOnlyList<CatalogProblem> Problems, bool Unreadable = false);
