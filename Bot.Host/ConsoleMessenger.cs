using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;

namespace Bot.Host;

/// <summary>Delivers reminders and announcements into the terminal chat, as plain text.</summary>
internal sealed class ConsoleMessenger : IMessenger
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    public ConsoleMessenger(TextWriter writer) => _writer = writer;

    public PlatformId Platform => ConsolePlatform.Id;

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
