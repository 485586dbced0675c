using System.Collections.Concurrent;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Host;

namespace Bot.Tests.Scheduling;

/// <summary>A messenger that records every send (as plain text) and answers with a chosen result.</summary>
internal sealed class RecordingMessenger : IMessenger, IDisposable
{
    private readonly ConcurrentQueue<(ChatAddress Chat, string Text)> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public RecordingMessenger(PlatformId? platform = null) => Platform = platform ?? ConsolePlatform.Id;

    public PlatformId Platform { get; }

    public void Dispose() => _arrived.Dispose();

    /// <summary>Decides the result of each send; the default accepts everything.</summary>
    public Func<ChatAddress, string, DeliveryResult> Outcome { get; set; } = (_, _) => DeliveryResult.Sent;

    /// <summary>Runs after a send was recorded, before returning (to simulate a crash right after sending).</summary>
    public Func<Task>? AfterSend { get; set; }

    public IReadOnlyList<(ChatAddress Chat, string Text)> Sent => [.. _sent];

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        var text = PlainTextReplyFormatter.Format(reply);
        var result = Outcome(chat, text);
        if (result.Outcome == DeliveryOutcome.Sent)
        {
            _sent.Enqueue((chat, text));
            _arrived.Release();
        }

        if (AfterSend is { } after)
        {
            await after();
        }

        return result;
    }

    /// <summary>Waits until <paramref name="count"/> messages in total have arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (_sent.Count < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }
    }
}
