namespace Bot.Telegram;

/// <summary>Telegram settings, section <c>Telegram</c>. The token comes from the environment (<c>Telegram__Token</c>).</summary>
public sealed class TelegramOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Telegram";

    /// <summary>Telegram's own Bot API server.</summary>
    public static readonly Uri DefaultApiBaseUrl = new("https://api.telegram.org");

    /// <summary>The bot token from @BotFather (<c>123456789:AA…</c>). Never logged.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The Bot API server; a local Bot API server or a test fake can replace Telegram's own.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Polling (default) or webhook.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS URL Telegram posts updates to (webhook mode). Its path is where the endpoint is mapped.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c> (webhook mode): 1–256 of <c>A-Z a-z 0-9 _ -</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long one <c>getUpdates</c> long poll waits for updates.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many chats' updates are handled at the same time (each chat's in order).</summary>
    public int MaxConcurrentChats { get; set; } = 32;

    /// <summary>Messages a second to all chats together (Telegram allows about 30 for one bot).</summary>
    public int PerSecond { get; set; } = 30;

    /// <summary>Messages a minute to one group chat (Telegram allows 20).</summary>
    public int GroupPerMinute { get; set; } = 20;

    /// <summary>How many commands one user may send in a burst before being told to slow down.</summary>
    public int FloodBurst { get; set; } = 5;

    /// <summary>How often a flooding user gets one command back.</summary>
    public TimeSpan FloodRefill { get; set; } = TimeSpan.FromSeconds(3);
}
