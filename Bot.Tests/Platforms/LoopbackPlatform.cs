using System.Collections.Concurrent;
using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Platforms;

/// <summary>
/// A third platform that lives only in the tests: it plugs in the way Telegram and Discord do, to prove
/// that a platform needs no change in the core.
/// </summary>
internal sealed class LoopbackPlatform : IMessenger
{
    public static PlatformId Id { get; } = new("Loopback");

    public static PlatformDescription Description { get; } = new(
        Id,
        new LocalizedText("Loopback", "Loopback"),
        new LocalizedText("Loopback-privéchat", "Loopback private chat"),
        new LocalizedText("Loopback-groep", "Loopback group"));

    public static PlatformLimits Limits { get; } = new(Id) { PerSecond = 100, PerChatPerSecond = 5 };

    private readonly ConcurrentQueue<(ChatAddress Chat, string Text)> _sent = new();

    public PlatformId Platform => Id;

    /// <summary>Every message the core sent (reminders and announcements), as plain text.</summary>
    public IReadOnlyCollection<(ChatAddress Chat, string Text)> Sent => _sent;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        _sent.Enqueue((chat, PlainTextReplyFormatter.Format(reply)));
        return Task.FromResult(DeliveryResult.Sent);
    }

    /// <summary>What the platform's adapter does with a typed line: a request for the core's router.</summary>
    public static CommandRequest Request(string line, ChatAddress chat, string user)
    {
        Assert.True(CommandLine.TryParse(line, null, out var command, out var arguments), line);
        return new CommandRequest(command, arguments, new UserRef(user, "member " + user), chat, "nl");
    }

    /// <summary>The platform's own idea of moderators: here, the user called "mod" in every room.</summary>
    internal sealed class ModeratorCheck : IModeratorCheck
    {
        public PlatformId Platform => Id;

        public ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken) =>
            ValueTask.FromResult(user.Id == "mod");
    }
}

/// <summary>Plugs the loopback platform in.</summary>
internal static class LoopbackPlatformExtensions
{
    public static BotCoreBuilder AddLoopback(this BotCoreBuilder builder, LoopbackPlatform platform)
    {
        builder.Services.AddSingleton(platform);
        return builder.AddPlatform<LoopbackPlatform, LoopbackPlatform.ModeratorCheck>(LoopbackPlatform.Description, _ => LoopbackPlatform.Limits);
    }
}
