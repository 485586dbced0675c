using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;

namespace Bot.Core.Delivery;

/// <summary>Delivers posts for the console platform by writing them as plain text (links as "text (url)").</summary>
internal sealed class ConsoleMessenger : IMessenger
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    public ConsoleMessenger(TextWriter writer) => _writer = writer;

    public Platform Platform => Platform.Console;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        var text = PlainTextReplyFormatter.Format(reply);
        lock (_gate)
        {
            _writer.Write(text);
            _writer.Flush();
        }

        return Task.FromResult(DeliveryResult.Sent);
    }
}
