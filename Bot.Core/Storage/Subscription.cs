using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>A chat that receives reminders.</summary>
/// <param name="Chat">Where to post.</param>
/// <param name="Topics">Which kinds of events.</param>
/// <param name="Language">The language of the posts.</param>
/// <param name="Paused">Delivery stopped because the platform said the chat is gone.</param>
/// <param name="PausedReason">The platform's reason, when paused.</param>
internal sealed record Subscription(ChatAddress Chat, SubscriptionTopics Topics, UiLanguage Language, bool Paused = false, string? PausedReason = null);
