using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// A handler that issues follow-up buttons of its own (<see cref="ReplyChoice.FollowUp"/>: an announcement's
/// Confirm and Cancel). A press reaches <see cref="FollowUpAsync"/> only after the router found the button's token,
/// checked that it has not expired, that the presser is the user it was shown to, and that they are still in the
/// command's <see cref="CommandDescriptor.Audience"/> in the chat where it was shown.
/// </summary>
public interface IFollowUpHandler : ICommandHandler
{
    /// <summary>
    /// Answers a press of one of this handler's follow-ups. <paramref name="request"/> is the presser in the chat they
    /// pressed in; <paramref name="payload"/> is what the handler put in the button, as it put it.
    /// </summary>
    ValueTask<Reply> FollowUpAsync(CommandRequest request, string payload, CancellationToken cancellationToken);
}
