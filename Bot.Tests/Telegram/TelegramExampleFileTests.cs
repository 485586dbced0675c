using System.Text;
using Bot.Core.Commands;
using Bot.Telegram.Rendering;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// Telegram answers for the shipped pages as example files: <c>Examples/telegram/NAME.LOCALE.txt</c>
/// holds the command, a line <c>---</c>, then each message's exact HTML followed by its link
/// preview and buttons (what each runs; on the wire a button carries only its token). Set BOT_UPDATE_EXAMPLES=1 to rewrite the files (then review the diff).
/// </summary>
public sealed class TelegramExampleFileTests
{
    private const string MessageSeparator = "\n=== message ===\n";

    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", "telegram"), "*.txt").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Telegram_answer_matches_the_example(string file)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", "telegram", file);
        var text = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
        Assert.True(separator > 0, "the file needs a command line, then ---");
        var command = text[..separator];
        var expected = text[(separator + 5)..];
        var locale = file.Split('.')[^2];

        var reply = await TestContent.AskReplyAsync(command, locale);
        var messages = TelegramReplyMapper.Map(reply, new UiTexts().LanguageOf(locale));
        var actual = string.Join(MessageSeparator, messages.Select(Describe)) + "\n";

        if (Environment.GetEnvironmentVariable("BOT_UPDATE_EXAMPLES") == "1")
        {
            await File.WriteAllTextAsync(path, command + "\n---\n" + actual);
            return;
        }

        Assert.Equal(expected, actual);
        Assert.All(messages, m =>
        {
            Assert.InRange(m.Html.Length, 1, TelegramHtml.MaxMessageLength);
            Assert.Empty(TelegramHtmlChecker.Problems(m.Html));
        });
    }

    private static string Describe(TelegramMessage message)
    {
        var builder = new StringBuilder(message.Html);
        builder.Append("\n[preview: ").Append(message.PreviewUrl?.AbsoluteUri ?? "none").Append(']');
        foreach (var choice in message.Choices)
        {
            builder.Append("\n[button: ").Append(choice.Label).Append(" → /").Append(choice.Command).Append(choice.Arguments.Length > 0 ? " " + choice.Arguments : string.Empty).Append(']');
        }

        return builder.ToString();
    }
}
