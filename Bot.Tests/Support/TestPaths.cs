using Bot.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// Finds the repository root by walking up from the test binaries; everything tests read
/// lies inside the repository (<c>testdata/</c> holds the corpus and the API descriptions).
/// </summary>
internal static class TestPaths
{
    public static string RepoRoot => RepositoryPaths.Root;

    /// <summary>Real PauseAI pages (CC-BY 4.0), see <c>testdata/README.md</c>.</summary>
    public static string Corpus => Path.Combine(RepoRoot, "testdata", "corpus");

    /// <summary>The Discord OpenAPI and Telegram Bot API descriptions (MIT), see <c>testdata/README.md</c>.</summary>
    public static string Specs => Path.Combine(RepoRoot, "testdata", "specs");

    public static string Content => RepositoryPaths.Content;

    /// <summary>A host argument that gives a test its own SQLite file, so hosts in parallel tests never share the single-process lock.</summary>
    public static string OwnDatabaseArgument() =>
        $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), $"bot-test-{Guid.NewGuid():N}.db")}";

    /// <summary>A file name of its own for Discord's command-registration state, in a folder that exists: a fresh machine has none yet.</summary>
    public static string NewDiscordStateFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "discord-tests")).FullName;
        return Path.Combine(folder, Guid.NewGuid().ToString("N") + ".sha256");
    }
}
