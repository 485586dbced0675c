using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Replies.PlainText;
using Bot.Tests.Support;
using Bot.Tests.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bot.Tests.Commands;

public sealed class InputSanitizerTests
{
    private const string WentWrong = "Er ging iets mis";

    /// <summary>Everything Discord and Telegram can deliver in a message that is not ordinary text.</summary>
    private static readonly string[] HostileTexts =
    [
        "\uFFFE",
        "seoul\uFFFF",
        "\uFDD0\uFDEF seoul",
        "\U0001FFFE\U0010FFFF",
        "\uD800",
        "seoul \uDC00",
        "\uDBFF\uD800 x",
        "\u0000\u0001\u0008\u001b[2J\u007f\u0085\u009c",
        "\u202Eluoes\u202C \u2066x\u2069 \u200E\u200F\u061C",
        "se\u200Boul\u2060\uFEFF\u00AD",
        "line\u2028break\u2029",
        "\uFFF9\uFFFA\uFFFB",
        new string('\uFFFE', 100_000),
        string.Concat(Enumerable.Repeat("😀", 50_000)),
        new string('x', 499) + "😀",
        "\uD83D" + new string('a', 100_000),
    ];

    public static TheoryData<string> Hostile() => new(HostileTexts);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Cleaned_text_is_valid_utf16_without_noncharacters_or_invisible_controls(string input)
    {
        var clean = InputSanitizer.Clean(input);

        Assert.True(clean.Length <= InputSanitizer.MaxLength);
        Assert.Equal(clean, clean.Trim());
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (char.IsHighSurrogate(c))
            {
                Assert.True(i + 1 < clean.Length && char.IsLowSurrogate(clean[i + 1]), $"lone high surrogate at {i}");
                i++;
                continue;
            }

            Assert.False(char.IsSurrogate(c), $"lone low surrogate at {i}");
            Assert.False(c is '\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF'), $"noncharacter U+{(int)c:X4} at {i}");
            Assert.True(c == '\n' || !char.IsControl(c), $"control U+{(int)c:X4} at {i}");
            Assert.False(c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200B' or '\uFEFF', $"invisible U+{(int)c:X4} at {i}");
        }

        _ = clean.Normalize(System.Text.NormalizationForm.FormD);
    }

    [Fact]
    public void Ordinary_text_is_kept_as_it_is()
    {
        const string Text = "Zuid-Korea 🇰🇷 👨‍👩‍👧 مرحبا שלום café naïve\nregel twee";

        Assert.Equal(Text, InputSanitizer.Clean(Text));
        Assert.Same("seoul 2024", InputSanitizer.Clean("seoul 2024"));
        Assert.Equal("a\nb\nc", InputSanitizer.Clean("a\r\nb\rc\t"));
    }

    [Fact]
    public void Every_request_holds_cleaned_text_however_it_was_made()
    {
        var request = TestContent.Request("summit\uFFFE", "se\u200Boul\uD800");
        var changed = request with { Arguments = "\u202Ebletchley\uFFFF" };

        Assert.Equal("summit", request.Command);
        Assert.Equal("seoul", request.Arguments);
        Assert.Equal("bletchley", changed.Arguments);
    }

    [Fact]
    public void Matching_normalisation_drops_noncharacters_and_lone_surrogates()
    {
        Assert.Equal("seoul 2024", TextNormalizer.Normalize("Seoul\uFFFE \uD800 2024"));
    }

    [Theory]
    [InlineData("Montréal, Zürich; São Paulo", "montreal zurich sao paulo")]
    [InlineData("GENÈVE Reykjavík Curaçao", "geneve reykjavik curacao")]
    [InlineData("Montre\u0301al", "montreal")] // the accent typed as a combining mark
    [InlineData("coördineren ideeën", "coordineren ideeen")]
    public void Matching_normalisation_takes_the_accents_off_without_icu(string text, string folded) =>
        Assert.Equal(folded, TextNormalizer.Normalize(text));

    [Fact]
    public async Task Hostile_arguments_through_the_real_router_get_a_normal_answer_and_no_stack_trace()
    {
        var (router, logs) = LoggingRouter();
        foreach (var input in HostileTexts)
        {
            foreach (var command in new[] { "summit", "verdrag", "zoek", "agenda", "help", "nope" })
            {
                var reply = await router.RouteAsync(TestContent.Request(command, input), CancellationToken.None);
                var text = PlainTextReplyFormatter.Format(reply);

                Assert.False(string.IsNullOrWhiteSpace(text));
                Assert.DoesNotContain(WentWrong, text, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(logs.Lines, l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invisible_characters_in_a_name_still_find_it()
    {
        var (router, _) = LoggingRouter();

        var reply = await router.RouteAsync(TestContent.Request("summit", "se\u200Boul\uFFFE"), CancellationToken.None);

        Assert.StartsWith("## 2024 Zuid-Korea AI-veiligheidstop", PlainTextReplyFormatter.Format(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_chat_answers_hostile_lines_without_a_stack_trace()
    {
        var (router, logs) = LoggingRouter();

        var summit = await Bot.Host.ConsoleChat.AnswerAsync(router, "/summit \uFFFE", "nl", CancellationToken.None);
        var search = await Bot.Host.ConsoleChat.AnswerAsync(router, "seoul\uD800 \u202E\u0000", "nl", CancellationToken.None);
        var seoul = await Bot.Host.ConsoleChat.AnswerAsync(router, "/summit seoul\uFFFE", "nl", CancellationToken.None);

        Assert.DoesNotContain(WentWrong, summit, StringComparison.Ordinal);
        Assert.Contains("seoul", search, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("## 2024 Zuid-Korea AI-veiligheidstop", seoul, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
    }

    private static (CommandRouter Router, CapturingLoggerProvider Logs) LoggingRouter()
    {
        var logs = new CapturingLoggerProvider();
        var logger = new TypedLogger<CommandRouter>(logs.CreateLogger(typeof(CommandRouter).FullName!));
        var services = TestContent.Services;
        var router = new CommandRouter(services.GetRequiredService<CommandRegistry>(), services.GetRequiredService<UiTexts>(), services.GetRequiredService<ModeratorChecks>(), services.GetRequiredService<Bot.Core.Storage.ButtonStore>(), TimeProvider.System, logger);
        return (router, logs);
    }

    private sealed class TypedLogger<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
