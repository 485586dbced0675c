using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Delivery;

/// <summary>
/// A chat's human name for reports: the one kept (<see cref="ChatNameStore"/>), else asked of its platform's
/// messenger (a group's title, a server and channel) and kept, so a chat that is gone by now is still named as it
/// was, and a report asks each platform about a chat once; without either,
/// the kind of chat and its id ("{platform}-groep -1001").
/// </summary>
internal sealed class ChatNames
{
    private readonly ChatNameStore _store;
    private readonly Dictionary<PlatformId, IMessenger> _messengers;
    private readonly PlatformDirectory _platforms;

    public ChatNames(ChatNameStore store, IEnumerable<IMessenger> messengers, PlatformDirectory platforms)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        _store = store;
        _platforms = platforms;
        _messengers = [];
        foreach (var messenger in messengers)
        {
            _messengers[messenger.Platform] = messenger;
        }
    }

    /// <summary>The chat's name: kept, asked of the platform, or its kind and id.</summary>
    public async Task<string> NameAsync(ChatAddress chat, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (await _store.GetAsync(chat, cancellationToken) is { } kept)
        {
            return kept;
        }

        if (_messengers.TryGetValue(chat.Platform, out var messenger) && await messenger.ChatNameAsync(chat, cancellationToken) is { Length: > 0 } fresh)
        {
            await _store.SetAsync(chat, fresh, cancellationToken);
            return fresh;
        }

        return $"{_platforms.Name(chat.Platform, language)}-{_platforms.Describe(chat.Platform).ChatName(chat.Kind, language)} {chat.ChatId}";
    }
}
