namespace Bot.Discord;

/// <summary>How Discord delivers interactions to the bot.</summary>
public enum DiscordMode
{
    /// <summary>A Gateway WebSocket connection (the default; needs no public URL).</summary>
    Gateway,

    /// <summary>Signed HTTP POSTs to an endpoint this process serves (needs a public HTTPS URL).</summary>
    Http,
}
