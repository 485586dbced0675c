using System.Collections.Concurrent;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;

namespace Bot.Tests.Broadcast;

/// <summary>
/// A messenger for one platform that records sends, tracks how many run at once (overall and per
/// chat), answers with a chosen result, and can hold sends until the test releases them.
/// </summary>
internal sealed class GatedMessenger(PlatformId platform) : IMessenger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ChatAddress, int> _inFlightPerChat = [];
    private readonly ConcurrentQueue<(ChatAddress Chat, string Text)> _sent = new();
    private int _inFlight;

    public PlatformId Platform { get; } = platform;

    /// <summary>Decides each send's result (default: sent).</summary>
    public Func<ChatAddress, DeliveryResult> Outcome { get; set; } = _ => DeliveryResult.Sent;

    /// <summary>When set, every send waits for it (after counting itself in flight).</summary>
    public Task? Hold { get; set; }

    /// <summary>Signalled each time a send starts.</summary>
    public SemaphoreSlim Started { get; } = new(0);

    /// <summary>Successful sends in the order they finished.</summary>
    public IReadOnlyList<(ChatAddress Chat, string Text)> Sent => [.. _sent];

    /// <summary>Sends that were attempted (any result).</summary>
    public int Attempts { get; private set; }

    /// <summary>The most sends in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>The most sends in flight at once to one chat.</summary>
    public int MaxInFlightPerChat { get; private set; }

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Attempts++;
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            var perChat = _inFlightPerChat.GetValueOrDefault(chat) + 1;
            _inFlightPerChat[chat] = perChat;
            MaxInFlightPerChat = Math.Max(MaxInFlightPerChat, perChat);
        }

        Started.Release();
        try
        {
            if (Hold is { } hold)
            {
                await hold.WaitAsync(cancellationToken);
            }

            var result = Outcome(chat);
            if (result.Outcome == DeliveryOutcome.Sent)
            {
                _sent.Enqueue((chat, PlainTextReplyFormatter.Format(reply)));
            }

            return result;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
                _inFlightPerChat[chat]--;
            }
        }
    }
}
