namespace Bot.Core.Commands;

/// <summary>Where a request came from and where a reply goes.</summary>
public enum Platform
{
    Console,
    Telegram,
    Discord,
}
