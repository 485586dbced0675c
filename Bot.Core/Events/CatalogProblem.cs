namespace Bot.Core.Events;

/// <summary>A catalog entry that was skipped, and why.</summary>
/// <param name="Source">The file or feed.</param>
/// <param name="Line">1-based line of the entry (0 when unknown).</param>
/// <param name="Message">What is wrong, naming the field.</param>
/// <param name="Column">1-based column (0 when unknown or not useful).</param>
internal sealed record CatalogProblem(string Source, int Line, string Message, int Column = 0)
{
    /// <inheritdoc />
    public override string ToString() => (Line, Column) switch
    {
        ( > 0, > 0) => $"{Source}:{Line}:{Column}: {Message}",
        ( > 0, _) => $"{Source}:{Line}: {Message}",
        _ => $"{Source}: {Message}",
    };
}
