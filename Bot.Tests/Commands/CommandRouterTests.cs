using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bot.Tests.Commands;

public sealed class CommandRouterTests
{
    [Fact]
    public async Task Moderator_commands_are_refused_to_everyone_the_adapter_did_not_verify()
    {
        var handler = new RecordingHandler(moderatorOnly: true);
        var router = Router(handler);

        var refused = await router.RouteAsync(TestContent.Request("secret", "x", moderator: false), CancellationToken.None);
        var allowed = await router.RouteAsync(TestContent.Request("secret", "x", moderator: true), CancellationToken.None);

        Assert.True(refused.IsError);
        Assert.Equal(1, handler.Calls);
        Assert.False(allowed.IsError);
    }

    [Fact]
    public async Task A_failing_handler_becomes_a_polite_error()
    {
        var router = Router(new RecordingHandler(moderatorOnly: false, fail: true));

        var reply = await router.RouteAsync(TestContent.Request("secret", "x", "en"), CancellationToken.None);

        Assert.True(reply.IsError);
        Assert.Equal("Something went wrong while answering. Please try again later.\n", PlainTextReplyFormatter.Format(reply));
    }

    [Fact]
    public void Two_commands_with_one_name_are_refused_at_start() =>
        Assert.Throws<InvalidOperationException>(() => new CommandRegistry([new RecordingHandler(false), new RecordingHandler(false)]));

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

    private static CommandRouter Router(params ICommandHandler[] handlers) =>
        new(new CommandRegistry(handlers), new UiTexts(), NullLogger<CommandRouter>.Instance);

    private sealed class RecordingHandler(bool moderatorOnly, bool fail = false) : ICommandHandler
    {
        public int Calls { get; private set; }

        public CommandDescriptor Descriptor { get; } = new("secret", [], new("geheim", "secret"), ArgumentUse.Optional, ModeratorOnly: moderatorOnly);

        public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return fail ? throw new InvalidOperationException("boom") : ValueTask.FromResult(Reply.FromBlocks(ReplyText.Paragraph("ok")));
        }
    }
}
