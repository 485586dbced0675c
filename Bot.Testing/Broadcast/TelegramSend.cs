namespace Bot.Testing.Broadcast;

/// <summary>One <c>sendMessage</c> as the fake saw it (timestamps of <see cref="TimeProvider.System"/>).</summary>
/// <param name="Chat">The <c>chat_id</c>.</param>
/// <param name="Arrived">When the request reached the fake.</param>
/// <param name="Answered">When the fake answered it (after its latency).</param>
/// <param name="Status">The HTTP status answered: 200 delivered, 429 too many requests, 403 gone.</param>
/// <param name="ReplyTo">The message it answers (<c>reply_parameters.message_id</c>), if any.</param>
/// <param name="Text">The text sent.</param>
internal sealed record TelegramSend(string Chat, long Arrived, long Answered, int Status, int? ReplyTo, string? Text)
{
    /// <summary>True when the message was delivered.</summary>
    public bool Delivered => Status == 200;
}
