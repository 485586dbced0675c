namespace Bot.Core.Content;

/// <summary>Names (normalized) that mean one thing.</summary>
internal sealed record AliasGroup(string Id, IReadOnlyList<string> Names);
