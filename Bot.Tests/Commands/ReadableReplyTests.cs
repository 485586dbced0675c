using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Commands;

/// <summary>Replies a person can read, in one language: lists, choices, command names, did-you-mean.</summary>
public sealed partial class ReadableReplyTests
{
    [Theory]
    [InlineData("nl", "Bletchley Park, Verenigd Koninkrijk", "Seoul, Zuid-Korea", "Parijs, Frankrijk")]
    [InlineData("en", "Bletchley Park, United Kingdom", "Seoul, South Korea", "Paris, France")]
    public async Task The_summit_list_is_in_date_order_with_place_and_country_in_the_users_language(string locale, string uk, string korea, string france)
    {
        var text = await TestContent.AskAsync("/summit", locale);
        var items = text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, items.Count);
        var years = items.Select(l => int.Parse(l[2..6], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(years.Order(), years);
        Assert.StartsWith("- 2023 · " + uk, items[0], StringComparison.Ordinal);
        Assert.StartsWith("- 2024 · " + korea, items[1], StringComparison.Ordinal);
        Assert.StartsWith("- 2024 · San Francisco", items[2], StringComparison.Ordinal); // November, after May in Seoul
        Assert.StartsWith("- 2025 · " + france, items[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Naar de volgende AI-top", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why We Need AI Safety Summits", text, StringComparison.Ordinal);
        Assert.DoesNotContain("summit-20", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "summit")]
    [InlineData("en", "summit")]
    [InlineData("nl", "verdrag")]
    [InlineData("en", "treaty")]
    [InlineData("nl", "summit", "2024")]
    [InlineData("nl", "summit", "atlantis")]
    public async Task Every_choice_asks_by_a_human_name_and_answers_with_the_entity_it_names(string locale, string command, string arguments = "")
    {
        var reply = await TestContent.AskReplyAsync(("/" + command + " " + arguments).TrimEnd(), locale);

        Assert.NotEmpty(reply.Choices);
        foreach (var choice in reply.Choices)
        {
            Assert.Equal(command, choice.Command);
            Assert.DoesNotMatch(InternalKey(), choice.Arguments);
            Assert.DoesNotMatch(InternalKey(), choice.Label);
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount($"/{choice.Command} {choice.Arguments}"), 1, 64);
            var answer = await TestContent.Router.RouteAsync(TestContent.Request(choice.Command, choice.Arguments, locale), CancellationToken.None);
            var card = Assert.Single(answer.Cards);
            Assert.False(answer.IsError);
            Assert.Contains(choice.Label.Split(' ')[0], PlainTextReplyFormatter.Format(reply), StringComparison.Ordinal);
            Assert.NotNull(card.Url);
        }
    }

    [Theory]
    [InlineData("nl", SuggestionKind.Summits, "bletch", "bletchley park")]
    [InlineData("en", SuggestionKind.Summits, "par", "paris")]
    [InlineData("nl", SuggestionKind.Treaties, "mont", "montreal")]
    [InlineData("en", SuggestionKind.Summits, "PÀR", "paris")]
    [InlineData("nl", SuggestionKind.Summits, "blétch", "bletchley park")]
    public async Task Discord_autocomplete_sends_what_a_person_would_type_and_it_finds_the_entity(string locale, SuggestionKind kind, string typed, string value)
    {
        var source = new Bot.Discord.Interactions.ContentSuggestionSource(new ContentSource(TestContent.Index), new UiTexts(), TestContent.Services.GetRequiredService<SummitPlaces>());
        var command = kind == SuggestionKind.Summits ? "summit" : "verdrag";

        Assert.Contains(source.Suggest(kind, typed, locale, 25), c => c.Value == value);
        foreach (var choice in source.Suggest(kind, string.Empty, locale, 25))
        {
            Assert.DoesNotMatch(InternalKey(), choice.Value);
            var answer = await TestContent.Router.RouteAsync(TestContent.Request(command, choice.Value, locale), CancellationToken.None);
            Assert.Single(answer.Cards);
        }
    }

    [Fact]
    public async Task The_bletchley_button_opens_the_2023_summit_in_both_languages()
    {
        var nl = await TestContent.AskReplyAsync("/summit", "nl");
        var en = await TestContent.AskReplyAsync("/summit", "en");

        Assert.Contains(nl.Choices, c => c is { Label: "Bletchley Park 2023", Arguments: "bletchley park" });
        Assert.Contains(nl.Choices, c => c is { Label: "Parijs 2025", Arguments: "parijs" });
        Assert.Contains(en.Choices, c => c is { Label: "Paris 2025", Arguments: "paris" });
        var card = Assert.Single((await TestContent.AskReplyAsync("/summit bletchley park", "nl")).Cards);
        Assert.Equal("2023 VK AI-veiligheidstop", card.Title);
    }

    [Fact]
    public async Task Summits_only_in_the_other_language_say_so_briefly_in_the_users_language()
    {
        var nl = await TestContent.AskAsync("/summit", "nl");

        Assert.Contains("San Francisco AI Safety Conference (https://pauseai.info/summit#november-2024-san-francisco-ai-safety-conference) (alleen in het Engels)", nl, StringComparison.Ordinal);
        Assert.DoesNotContain("alleen in het Engels", nl.Split('\n').Single(l => l.Contains("Seoul", StringComparison.Ordinal) && l.StartsWith("- ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Places_come_from_the_content_file_for_every_summit_of_the_shipped_pages()
    {
        var places = TestContent.Services.GetRequiredService<SummitPlaces>();
        foreach (var summit in TestContent.Index.Entities.Where(e => e.Kind == EntityKind.Summit))
        {
            Assert.NotNull(places.For(summit.Place, UiLanguage.Nl));
            Assert.NotNull(places.For(summit.Place, UiLanguage.En));
        }

        Assert.Equal(new PlaceName("Seoul", "Zuid-Korea"), places.For("korea", UiLanguage.Nl));
        Assert.Equal(new PlaceName("Seoul", "South Korea"), places.For("korea", UiLanguage.En));
    }

    [Fact]
    public void A_broken_places_file_is_reported_and_the_lists_go_on_without_places()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "uk: [oops\n");
            var problems = new List<string>();
            var places = SummitPlaces.Load(path, problems);

            Assert.Single(problems);
            Assert.Null(places.For("uk", UiLanguage.Nl));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task English_users_see_English_command_names_in_help_and_Dutch_users_Dutch_ones()
    {
        var en = await TestContent.AskAsync("/help", "en");
        var nl = await TestContent.AskAsync("/help", "nl");

        foreach (var dutch in new[] { "/verdrag", "/zoek", "/aftellen", "/abonneer", "/opzeggen", "/abonnementen", "/hulp" })
        {
            Assert.DoesNotContain(dutch, en, StringComparison.Ordinal);
        }

        foreach (var english in new[] { "/treaty", "/search", "/countdown", "/subscribe", "/unsubscribe", "/subscriptions" })
        {
            Assert.Contains(english + " — ", en, StringComparison.Ordinal);
            Assert.DoesNotContain(english, nl, StringComparison.Ordinal);
        }

        Assert.Contains("/verdrag — ", nl, StringComparison.Ordinal);
    }

    [Fact]
    public void Telegram_menus_use_the_name_of_their_language()
    {
        var descriptors = TestContent.Router.Commands;
        var en = Bot.Telegram.TelegramBotService.CommandsFor(descriptors, UiLanguage.En).Select(c => c.Command).ToList();
        var nl = Bot.Telegram.TelegramBotService.CommandsFor(descriptors, UiLanguage.Nl).Select(c => c.Command).ToList();

        Assert.Equal(["summit", "treaty", "search", "agenda", "events", "countdown", "timezone", "subscribe", "unsubscribe", "subscriptions", "help"], en);
        Assert.Equal(["summit", "verdrag", "zoek", "agenda", "events", "aftellen", "tijdzone", "abonneer", "opzeggen", "abonnementen", "help"], nl);
    }

    [Fact]
    public void Discord_commands_carry_the_English_name_as_a_localization()
    {
        var commands = Bot.Discord.Commands.CommandRegistrar.Build(TestContent.Router.Commands);

        var treaty = Assert.Single(commands, c => c.Name == "verdrag");
        Assert.Equal("treaty", treaty.NameLocalizations!["en-US"]);
        Assert.Equal("treaty", treaty.NameLocalizations["en-GB"]);
        Assert.Equal("verdrag", treaty.NameLocalizations["nl"]);
        Assert.Null(Assert.Single(commands, c => c.Name == "summit").NameLocalizations);
        Assert.Equal("announce", Assert.Single(commands, c => c.Name == "aankondiging").NameLocalizations!["en-GB"]);
    }

    [Fact]
    public void An_English_name_that_is_not_an_alias_is_refused_at_start()
    {
        var handler = new NamedHandler(new CommandDescriptor("verdrag", [], new("x", "x"), ArgumentUse.None, EnglishName: "treaty"));

        var problem = Assert.Throws<InvalidOperationException>(() => new CommandRegistry([handler]));
        Assert.Contains("treaty", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sumit seoul", "nl", "Het commando /sumit ken ik niet. Bedoelde je /summit seoul?", "summit", "seoul")]
    [InlineData("/sumit seoul", "en", "I don't know the command /sumit. Did you mean /summit seoul?", "summit", "seoul")]
    [InlineData("/verdragen", "nl", "Het commando /verdragen ken ik niet. Bedoelde je /verdrag?", "verdrag", "")]
    [InlineData("/verdragen", "en", "I don't know the command /verdragen. Did you mean /treaty?", "treaty", "")]
    [InlineData("/treatys montreal", "nl", "Het commando /treatys ken ik niet. Bedoelde je /verdrag montreal?", "verdrag", "montreal")]
    [InlineData("/serch ai", "en", "I don't know the command /serch. Did you mean /search ai?", "search", "ai")]
    [InlineData("/aftelen", "nl", "Het commando /aftelen ken ik niet. Bedoelde je /aftellen?", "aftellen", "")]
    public async Task A_mistyped_command_gets_the_closest_one_in_the_users_language_with_a_button(string line, string locale, string expected, string command, string arguments)
    {
        var reply = await TestContent.AskReplyAsync(line, locale);

        Assert.True(reply.IsError);
        Assert.Equal(expected, PlainTextReplyFormatter.Format(reply).Split('\n')[0]);
        var choice = Assert.Single(reply.Choices);
        Assert.Equal((command, arguments), (choice.Command, choice.Arguments));
        Assert.True(TestContent.Services.GetRequiredService<CommandRegistry>().TryGet(choice.Command, out _));
    }

    [Theory]
    [InlineData("/xyzzy", "nl", "Het commando /xyzzy ken ik niet. Typ /help voor wat ik wel kan.")]
    [InlineData("/foo bar", "en", "I don't know the command /foo. Type /help to see what I can do.")]
    public async Task A_command_nothing_like_a_known_one_points_to_help(string line, string locale, string expected)
    {
        var reply = await TestContent.AskReplyAsync(line, locale);

        Assert.Equal(expected + "\n", PlainTextReplyFormatter.Format(reply));
        Assert.Empty(reply.Choices);
    }

    [Fact]
    public void Moderator_commands_are_suggested_only_to_moderators()
    {
        var commands = TestContent.Router.Commands;

        Assert.Equal("aankondiging", CommandSuggester.Closest(commands, "aankondigin", UiLanguage.Nl, isModerator: true)?.Name);
        Assert.NotEqual("aankondiging", CommandSuggester.Closest(commands, "aankondigin", UiLanguage.Nl, isModerator: false)?.Name);
    }

    [Theory]
    [InlineData("sumit", "summit", 1)]
    [InlineData("summti", "summit", 1)]
    [InlineData("verdragen", "verdrag", 2)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_a_swap_as_one(string a, string b, int distance) =>
        Assert.Equal(distance, CommandSuggester.Distance(a, b));

    [Theory]
    [InlineData(UiLanguage.Nl, 1, "1 kanaal")]
    [InlineData(UiLanguage.Nl, 2, "2 kanalen")]
    [InlineData(UiLanguage.Nl, 0, "0 kanalen")]
    [InlineData(UiLanguage.En, 1, "1 channel")]
    [InlineData(UiLanguage.En, 3, "3 channels")]
    public void Channel_counts_agree_in_number(UiLanguage language, int count, string expected) =>
        Assert.Equal(expected, UiFormat.Channels(language, count));

    [Theory]
    [InlineData(UiLanguage.Nl, "zaterdag 5 december 2026, 19:00")]
    [InlineData(UiLanguage.En, "Saturday 5 December 2026, 19:00")]
    public void Moments_are_written_in_words_on_the_community_clock(UiLanguage language, string expected)
    {
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

        Assert.Equal(expected, UiFormat.Moment(new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero), amsterdam, language));
    }

    [GeneratedRegex(@"^(summit|treaty)-\d{4}")]
    private static partial Regex InternalKey();

    private sealed class NamedHandler(CommandDescriptor descriptor) : ICommandHandler
    {
        public CommandDescriptor Descriptor { get; } = descriptor;

        public ValueTask<Bot.Core.Replies.Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Bot.Core.Replies.Reply());
    }
}
