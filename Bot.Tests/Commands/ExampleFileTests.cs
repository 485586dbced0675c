using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Commands;

/// <summary>
/// Answers for the shipped pages as example files: <c>Examples/seed/NAME.LOCALE.txt</c> holds the
/// command on its first line, a line <c>---</c>, then the exact console answer.
/// Set BOT_UPDATE_EXAMPLES=1 to rewrite the files from the current answers (then review the diff).
/// </summary>
public sealed class ExampleFileTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", "seed"), "*.txt").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Answer_matches_the_example(string file)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", "seed", file);
        var text = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
        Assert.True(separator > 0, "the file needs a command line, then ---");
        var command = text[..separator];
        var expected = text[(separator + 5)..];
        var locale = file.Split('.')[^2];

        var actual = await TestContent.AskAsync(command, locale);

        if (Environment.GetEnvironmentVariable("BOT_UPDATE_EXAMPLES") == "1")
        {
            await File.WriteAllTextAsync(path, command + "\n---\n" + actual);
            return;
        }

        Assert.Equal(expected, actual);
    }
}
