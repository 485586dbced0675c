namespace Bot.Telegram;

/// <summary>Who the bot is, learned from <c>getMe</c> at start.</summary>
internal sealed class TelegramBotIdentity
{
    private volatile string? _username;

    /// <summary>The bot's @username without the @, or null before start-up checked the token.</summary>
    public string? Username
    {
        get => _username;
        set => _username = value;
    }

    /// <summary>The bot's user id.</summary>
    public long Id { get; set; }
}
