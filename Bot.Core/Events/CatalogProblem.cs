namespace Bot.Core.Events;

/// <summary>A catalog entry that was skipped, and why.</summary>
/// <param name="Source">The file or feed.</param>
/// <param name="Line">1-based line of the entry (0 when unknown).</param>
/// <param name="Message">What is wrong, naming the field.</param>
internal sealed record CatalogProblem(string Source, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}
