using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>Answers one command. One sealed implementation per command.</summary>
public interface ICommandHandler
{
    /// <summary>The command's name, aliases and description.</summary>
    CommandDescriptor Descriptor { get; }

    /// <summary>Answers the request. Never throws for bad user input: it answers politely instead.</summary>
    ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
