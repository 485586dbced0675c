namespace Bot.Core.Kernel;

/// <summary>How people call a platform and its chats, in each UI language.</summary>
/// <param name="Id">The platform.</param>
/// <param name="Name">"de terminal" / "the terminal", or the platform's name.</param>
/// <param name="PrivateChat">A one-to-one chat there ("privéchat" / "private chat", after the platform's name).</param>
/// <param name="GroupChat">A group or channel there ("groep" / "group", after the platform's name).</param>
public sealed record PlatformDescription(PlatformId Id, LocalizedText Name, LocalizedText PrivateChat, LocalizedText GroupChat)
{
    /// <summary>
    /// The operator's own terminal: its user runs the bot, so listings there show every chat,
    /// not only the one asked from.
    /// </summary>
    public bool IsOperatorTerminal { get; init; }

    /// <summary>A platform that did not register itself in this process: its id is its name.</summary>
    public static PlatformDescription Unregistered(PlatformId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var name = new LocalizedText(id.Name, id.Name);
        return new PlatformDescription(id, name, name, name);
    }

    /// <summary>The name of a chat of this kind on this platform.</summary>
    public string ChatName(ChatKind kind, UiLanguage language) => (kind == ChatKind.Private ? PrivateChat : GroupChat).For(language);
}
