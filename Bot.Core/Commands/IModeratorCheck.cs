using Bot.Core.Kernel;

namespace Bot.Core.Commands;

/// <summary>
/// A platform's answer to "does this user moderate this chat", on the server side: the platform's own
/// administrators or permissions, never what the client claims. Registered with the platform
/// (<see cref="BotCoreBuilder.AddPlatform{TMessenger, TModeratorCheck}"/>) and asked by the router on every
/// call that needs it.
/// </summary>
public interface IModeratorCheck
{
    /// <summary>The platform whose chats this check knows.</summary>
    PlatformId Platform { get; }

    /// <summary>
    /// Whether <paramref name="user"/> moderates <paramref name="chat"/>. <paramref name="evidence"/> is what the
    /// platform's adapter carried with the request (such as the permissions the platform computed for the member
    /// in the chat the request came from), or null; a check must not trust it for another chat than its own.
    /// </summary>
    ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken);
}

/// <summary>
/// What a platform's adapter learnt from the platform itself, with a request, that its <see cref="IModeratorCheck"/>
/// may use (a member's computed permissions, the group an anonymous administrator posted as). The core passes it on
/// without looking inside.
/// </summary>
public interface IModeratorEvidence
{
    /// <summary>The platform that produced it.</summary>
    PlatformId Platform { get; }
}
