using System.Collections.Concurrent;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Tests.Moderation;

/// <summary>A messenger for one platform that keeps every reply it was asked to send.</summary>
internal sealed class CapturingMessenger(PlatformId platform) : IMessenger
{
    private readonly ConcurrentQueue<(ChatAddress Chat, Reply Reply)> _sent = new();

    public PlatformId Platform { get; } = platform;

    /// <summary>Runs before each send is recorded; return a never-ending task to simulate a process that dies mid-send.</summary>
    public Func<int, Task>? BeforeSend { get; set; }

    public IReadOnlyList<(ChatAddress Chat, Reply Reply)> Sent => [.. _sent];

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        _sent.Enqueue((chat, reply));
        if (BeforeSend is { } before)
        {
            await before(_sent.Count);
        }

        return DeliveryResult.Sent;
    }
}
