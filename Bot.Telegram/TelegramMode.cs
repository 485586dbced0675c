namespace Bot.Telegram;

/// <summary>How the bot receives updates from Telegram.</summary>
public enum TelegramMode
{
    /// <summary>Long polling with <c>getUpdates</c> (no public URL needed).</summary>
    Polling,

    /// <summary>Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>.</summary>
    Webhook,
}
