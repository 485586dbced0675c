using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Markdig;
using Markdig.Syntax;

namespace Bot.Tests.Discord.Support;

/// <summary>What the fake handlers saw, and a gate the slow one waits on.</summary>
internal sealed class CommandRecorder
{
    public ConcurrentQueue<CommandRequest> Requests { get; } = new();

    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary><c>/summit [name]</c>: a card for a name, the list with buttons without one.</summary>
internal sealed class FakeSummitCommand(CommandRecorder recorder) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "summit",
        ["top"],
        new("Over een AI-top: /summit seoul, of alle toppen", "About an AI summit: /summit seoul, or all summits"),
        ArgumentUse.Optional,
        new("naam", "name"),
        SuggestionKind.Summits);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        recorder.Requests.Enqueue(request);
        if (request.Arguments.Length == 0)
        {
            return ValueTask.FromResult(new Reply
            {
                Body = [ReplyText.Paragraph("Which summit?")],
                Choices = [new ReplyChoice("Seoul 2024", "summit", "seoul"), new ReplyChoice("Paris 2025", "summit", "paris")],
            });
        }

        var body = MarkdownBlocks.Parse("The **second** summit, in ~~Paris~~ Seoul. See [the declaration](https://example.org/seoul).\n\n<div>hidden</div>\n\n- one\n- two").ToList();
        return ValueTask.FromResult(new Reply
        {
            Cards = [new ReplyCard("AI Seoul Summit", new Uri("https://pauseai.info/summit#seoul"), body, "AI-toppen")],
        });
    }
}

/// <summary><c>/echo text</c>: says the user's text back (as literal text), 20 times, for a long answer.</summary>
internal sealed class EchoCommand(CommandRecorder recorder) : ICommandHandler
{
    public const int Repeats = 20;

    public CommandDescriptor Descriptor { get; } = new("echo", [], new("Zegt het terug", "Says it back"), ArgumentUse.Required, new("tekst", "text"));

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        recorder.Requests.Enqueue(request);
        return ValueTask.FromResult(Reply.FromBlocks(Enumerable.Range(0, Repeats).Select(_ => (Block)ReplyText.Paragraph(request.Arguments)).ToArray()));
    }
}

/// <summary><c>/slow</c>: answers only when the test opens the gate.</summary>
internal sealed class SlowCommand(CommandRecorder recorder) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new("slow", [], new("Traag", "Slow"), ArgumentUse.None);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        await recorder.SlowGate.Task.WaitAsync(cancellationToken);
        return Reply.FromBlocks(ReplyText.Paragraph("Finally."));
    }
}

/// <summary><c>/announce</c>: moderators only.</summary>
internal sealed class AnnounceCommand : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new("announce", [], new("Aankondiging", "Announcement"), ArgumentUse.Required, new("tekst", "text"), Audience: CommandAudience.Moderators);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reply.FromBlocks(ReplyText.Paragraph("Announced.")));
}

internal sealed class PrivateCommand : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new("preview", [], new("Voorbeeld", "Preview"), ArgumentUse.None, Audience: CommandAudience.Moderators);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reply.FromBlocks(ReplyText.Paragraph("Only for you.")) with { Private = true });
}

internal static class MarkdownBlocks
{
    public static IReadOnlyList<Block> Parse(string markdown) =>
        Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseEmphasisExtras().UsePipeTables().Build()).ToList();
}
