using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Tests.Telegram;

/// <summary>A command handler whose answer the test decides; records every request.</summary>
internal sealed class FakeCommand : ICommandHandler
{
    private readonly Func<CommandRequest, Reply> _answer;

    public FakeCommand(string name, Func<CommandRequest, Reply> answer, CommandAudience audience = CommandAudience.Everyone)
    {
        _answer = answer;
        Descriptor = new CommandDescriptor(name, [], new LocalizedText($"Beschrijving {name}", $"Description {name}"), ArgumentUse.Optional, Audience: audience);
    }

    public CommandDescriptor Descriptor { get; }

    public ConcurrentQueue<CommandRequest> Requests { get; } = new();

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return ValueTask.FromResult(_answer(request));
    }
}
