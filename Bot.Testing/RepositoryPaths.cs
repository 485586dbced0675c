namespace Bot.Testing;

/// <summary>Finds the repository by walking up from the binaries to <c>Bot.sln</c> (tests and the load tests run from their build folders).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find() ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The bot's content folder.</summary>
    public static string Content => Path.Combine(Root, "content");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
