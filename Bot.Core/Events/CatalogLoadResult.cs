namespace Bot.Core.Events;

/// <summary>The events read from one source and the entries that were skipped.</summary>
internal sealed record CatalogLoadResult(IReadOnlyList<BotEvent> Events, IReadOnlyList<CatalogProblem> Problems);
