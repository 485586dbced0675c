using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Commands;

/// <summary>
/// Every example answer (console, Telegram, Discord) reads as a person would write it: no ISO timestamps,
/// no <c>Telegram:123</c> ids, no <c>summit-2024-korea</c> keys, no enum names, no "1 kanalen", and in plain
/// text no raw <c>**</c> or <c>__</c>.
/// </summary>
public sealed class ExampleHygieneTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples"), "*.txt", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples"), f).Replace('\\', '/'))
            .Order());

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_example_answer_has_nothing_a_person_cannot_read(string file)
    {
        var text = (await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", file))).ReplaceLineEndings("\n");
        var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
        var answer = separator > 0 ? text[(separator + 5)..] : text;
        // Discord renderings are Markdown by design; the console and Telegram (HTML) ones must not show it raw.
        var plainText = !file.StartsWith("discord/", StringComparison.Ordinal);

        Assert.Empty(UnreadableText.Problems(answer, plainText));
    }

    [Theory]
    [InlineData("Gepland voor 2026-12-05T18:00:00.0000000+00:00")]
    [InlineData("- Console:console alle evenementen")]
    [InlineData("door Telegram:123")]
    [InlineData("/summit summit-2023-uk")]
    [InlineData("/verdrag treaty-1987-montreal")]
    [InlineData("subscribe All Nl")]
    [InlineData("Hallo **wereld**")]
    [InlineData("Gaat naar 1 kanalen")]
    [InlineData("Will reach 1 channels")]
    public void The_scan_catches_what_the_old_replies_had(string old) =>
        Assert.NotEmpty(UnreadableText.Problems(old, plainText: true));

    [Theory]
    [InlineData("zaterdag 5 december 2026, 19:00 — aankondiging #1 ingepland (via Telegram)")]
    [InlineData("Gaat naar 11 kanalen, 1 kanaal, 21 channels")]
    [InlineData("Lees verder: https://pauseai.info/india-summit-2026")]
    public void The_scan_lets_readable_text_through(string text) =>
        Assert.Empty(UnreadableText.Problems(text, plainText: true));
}
