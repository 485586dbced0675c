namespace Bot.Tests.Support;

/// <summary>
/// Finds the repository root and the team's <c>shared/</c> folder (which lies beside the
/// clone, not inside it) by walking up from the test binaries.
/// </summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindUp(dir => File.Exists(Path.Combine(dir, "Bot.sln")))
        ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The shared folder with corpus/, specs/ and seed/.</summary>
    public static string Shared { get; } = FindUp(dir => Directory.Exists(Path.Combine(dir, "shared", "corpus"))) is { } parent
        ? Path.Combine(parent, "shared")
        : throw new InvalidOperationException("No shared/ folder with corpus/ above " + AppContext.BaseDirectory);

    public static string Corpus => Path.Combine(Shared, "corpus");

    public static string Specs => Path.Combine(Shared, "specs");

    public static string Content => Path.Combine(RepoRoot, "content");

    /// <summary>A host argument that gives a test its own SQLite file, so hosts in parallel tests never share the single-process lock.</summary>
    public static string OwnDatabaseArgument() =>
        $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), $"bot-test-{Guid.NewGuid():N}.db")}";

    private static string? FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
