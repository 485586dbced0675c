using System.Globalization;
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
    private long _messages;

    public ConsoleMessenger(TextWriter writer) => _writer = writer;

    public PlatformId Platform => ConsolePlatform.Id;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        var id = Write(null, reply);
        return Task.FromResult(DeliveryResult.Sent with { MessageIds = [id] });
    }

    /// <summary>A terminal cannot change what it printed: the new text is printed again, marked as the new version of that message.</summary>
    public Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        Write($"(bericht {string.Join(", ", messageIds)} bijgewerkt)", reply);
        return Task.FromResult(DeliveryResult.Sent with { MessageIds = messageIds });
    }

    /// <summary>Nothing to take back in a terminal: said in one line.</summary>
    public Task<DeliveryResult> DeleteAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        WriteLine($"(bericht {string.Join(", ", messageIds)} ingetrokken)");
        return Task.FromResult(DeliveryResult.Sent);
    }

    /// <summary>A terminal has nothing to pin; the message simply stays where it was printed.</summary>
    public Task<DeliveryResult> PinAsync(ChatAddress chat, string messageId, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Sent);

    private string Write(string? note, Reply reply)
    {
        var text = PlainTextReplyFormatter.Format(reply);
        lock (_gate)
        {
            var id = (++_messages).ToString(CultureInfo.InvariantCulture);
            if (note is not null)
            {
                _writer.WriteLine(note);
            }

            _writer.Write(text);
            _writer.Flush();
            return id;
        }
    }

    private void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
