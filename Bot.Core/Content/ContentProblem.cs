namespace Bot.Core.Content;

/// <summary>Something wrong with a content file, with where it is.</summary>
/// <param name="Path">The file, relative to the content folder.</param>
/// <param name="Line">1-based line, or 0 when the whole file is concerned.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Skipped">Whether the file (or entry) was left out because of it.</param>
public sealed record ContentProblem(string Path, int Line, string Message, bool Skipped)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}
