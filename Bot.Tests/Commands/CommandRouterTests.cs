using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Commands;

public sealed class CommandRouterTests : IAsyncLifetime, IDisposable
{
    private static readonly ChatAddress Group = new(TelegramPlatform.Id, "-1001", ChatKind.Group);
    private static readonly ChatAddress Private = new(TelegramPlatform.Id, "7", ChatKind.Private);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly FakeModeratorCheck _telegram = new(TelegramPlatform.Id);
    private BotDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = _temp.Open(_time);
        await _database.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Moderator_commands_are_refused_to_everyone_the_platform_does_not_call_a_moderator()
    {
        var handler = new RecordingHandler("secret", CommandAudience.Moderators);
        var router = Router(handler);
        _telegram.Set(Group, "8", moderator: true);

        var refused = await router.RouteAsync(Request("secret", Group, "7"), CancellationToken.None);
        var allowed = await router.RouteAsync(Request("secret", Group, "8"), CancellationToken.None);
        var elsewhere = await router.RouteAsync(Request("secret", Private, "8"), CancellationToken.None);

        Assert.True(refused.IsError);
        Assert.Equal(UiTexts.Get(UiLanguage.Nl, UiText.ModeratorsOnly) + "\n", PlainTextReplyFormatter.Format(refused));
        Assert.False(allowed.IsError);
        Assert.True(elsewhere.IsError);
        Assert.Equal(["8"], handler.Users);
    }

    [Fact]
    public async Task The_router_asks_the_platform_only_for_commands_whose_audience_needs_it_and_on_every_call()
    {
        var router = Router(
            new RecordingHandler("open", CommandAudience.Everyone),
            new RecordingHandler("secret", CommandAudience.Moderators),
            new RecordingHandler("subscribe", CommandAudience.ModeratorsInGroups));
        _telegram.Set(Group, "8", moderator: true);

        async Task<int> CallsFor(string command, ChatAddress chat, string user)
        {
            var before = _telegram.Calls;
            await router.RouteAsync(Request(command, chat, user), CancellationToken.None);
            return _telegram.Calls - before;
        }

        Assert.Equal(0, await CallsFor("open", Group, "7"));
        Assert.Equal(0, await CallsFor("open", Private, "7"));
        Assert.Equal(0, await CallsFor("subscribe", Private, "7"));
        Assert.Equal(1, await CallsFor("subscribe", Group, "7"));
        Assert.Equal(1, await CallsFor("secret", Private, "7"));
        Assert.Equal(1, await CallsFor("secret", Group, "8"));
        Assert.Equal(1, await CallsFor("secret", Group, "8")); // asked again: nothing is remembered between calls
        Assert.Equal(1, await CallsFor("secret", Group, "7"));

        // An unknown command: the platform is asked only when a moderators' command is the nearest suggestion.
        Assert.Equal(0, await CallsFor("opn", Group, "7"));
        Assert.Equal(0, await CallsFor("xyzzy", Group, "7"));
        Assert.Equal(1, await CallsFor("secrt", Group, "7"));
    }

    [Fact]
    public async Task Every_restricted_command_of_the_bot_is_refused_to_a_member_of_a_group()
    {
        var registry = (CommandRegistry)TestContent.Services.GetService(typeof(CommandRegistry))!;
        var router = new CommandRouter(registry, new UiTexts(), new ModeratorChecks([_telegram]), new ButtonStore(_database, _time), _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<CommandRouter>.Instance);
        var restricted = registry.Descriptors.Where(d => d.Audience != CommandAudience.Everyone).ToList();

        Assert.Equal(["abonneer", "opzeggen", "aankondiging", "aankondigingen", "status", "event"], restricted.Select(d => d.Name));
        foreach (var descriptor in restricted)
        {
            foreach (var name in descriptor.AllNames)
            {
                var before = _telegram.Calls;
                var reply = await router.RouteAsync(new CommandRequest(name, "toevoegen x titel: y", new UserRef("7", "member"), Group, "en"), CancellationToken.None);

                Assert.True(reply.IsError, name);
                Assert.Equal(UiTexts.Get(UiLanguage.En, UiText.ModeratorsOnly) + "\n", PlainTextReplyFormatter.Format(reply));
                Assert.Equal(before + 1, _telegram.Calls);
            }
        }
    }

    [Fact]
    public async Task A_command_button_runs_its_command_for_whoever_presses_it_with_its_audience_checked_for_them()
    {
        var secret = new RecordingHandler("secret", CommandAudience.Moderators);
        var router = Router(secret);
        _telegram.Set(Group, "8", moderator: true);
        var moderator = new UserRef("8", "mod");
        var suggestion = await router.IssueButtonsAsync(await router.RouteAsync(Request("secrt", Group, "8") with { Arguments = "now" }, CancellationToken.None), moderator, Group, CancellationToken.None);
        var button = Assert.Single(suggestion.Choices);

        var member = await router.PressAsync(new ButtonPress(button.Token!, new UserRef("7", "member"), Group, "nl"), CancellationToken.None);
        var pressed = await router.PressAsync(new ButtonPress(button.Token!, moderator, Group, "nl"), CancellationToken.None);

        Assert.Matches("^[A-Za-z0-9_-]{22}$", button.Token);
        Assert.True(member.IsError);
        Assert.False(pressed.IsError);
        Assert.Equal(["8"], secret.Users);
        Assert.Equal(["now"], secret.Arguments);
    }

    [Fact]
    public async Task A_failing_handler_becomes_a_polite_error()
    {
        var router = Router(new RecordingHandler("secret", CommandAudience.Everyone, fail: true));

        var reply = await router.RouteAsync(TestContent.Request("secret", "x", "en"), CancellationToken.None);

        Assert.True(reply.IsError);
        Assert.Equal("Something went wrong while answering. Please try again later.\n", PlainTextReplyFormatter.Format(reply));
    }

    [Fact]
    public void Two_commands_with_one_name_are_refused_at_start() =>
        Assert.Throws<InvalidOperationException>(() => new CommandRegistry([new RecordingHandler("secret", CommandAudience.Everyone), new RecordingHandler("secret", CommandAudience.Everyone)]));

    [Fact]
    public void Every_shipped_command_has_a_valid_platform_name_and_both_descriptions()
    {
        var registry = (CommandRegistry)TestContent.Services.GetService(typeof(CommandRegistry))!;

        Assert.All(registry.Descriptors, d =>
        {
            Assert.Matches("^[a-z0-9_]{1,32}$", d.Name);
            Assert.All(d.Aliases, a => Assert.Matches("^[a-z0-9_]{1,32}$", a));
            Assert.InRange(d.Description.Nl.Length, 3, 100);
            Assert.InRange(d.Description.En.Length, 3, 100);
        });
    }

    private static CommandRequest Request(string command, ChatAddress chat, string user) =>
        new(command, string.Empty, new UserRef(user, "user" + user), chat, "nl");

    private CommandRouter Router(params ICommandHandler[] handlers) => TestRouter.Create(_database, _time, handlers, _telegram);

    private sealed class RecordingHandler(string name, CommandAudience audience, bool fail = false) : ICommandHandler
    {
        public List<string> Users { get; } = [];

        public List<string> Arguments { get; } = [];

        public CommandDescriptor Descriptor { get; } = new(name, [], new("geheim", "secret"), ArgumentUse.Optional, Audience: audience);

        public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Users.Add(request.User.Id);
            Arguments.Add(request.Arguments);
            return fail ? throw new InvalidOperationException("boom") : ValueTask.FromResult(Reply.FromBlocks(ReplyText.Paragraph("ok")));
        }
    }
}
