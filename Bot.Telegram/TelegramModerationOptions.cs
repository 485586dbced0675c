namespace Bot.Telegram;

/// <summary>Moderator settings for Telegram, section <c>Moderation</c>.</summary>
internal sealed class TelegramModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Moderation";

    /// <summary>Telegram user ids that moderate every chat, besides each group's own administrators.</summary>
    public IList<long> TelegramUserIds { get; } = [];

    /// <summary>How long a <c>getChatMember</c> answer is trusted.</summary>
    public TimeSpan TelegramAdminCacheTime { get; set; } = TimeSpan.FromMinutes(1);
}
