namespace Bot.Telegram;

/// <summary>Start-up cannot go on: the token is wrong or Telegram cannot be reached. The message never contains the token.</summary>
public sealed class TelegramStartupException : Exception
{
    public TelegramStartupException()
    {
    }

    public TelegramStartupException(string message)
        : base(message)
    {
    }

    public TelegramStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
