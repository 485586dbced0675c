using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord.Api;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Answers one interaction: slash commands and button presses (whose custom id is only the button's token) through
/// the core's <see cref="CommandRouter"/> (type 4 within the window, or type 5 then an edit when the command is slow),
/// autocomplete with at most 25 choices (type 8), PING with PONG. Extra messages of a long answer go out as follow-ups,
/// one REST call each, so a part that is retried never repeats the parts before it.
/// </summary>
internal sealed class InteractionResponder
{
    /// <summary>Discord allows at most 25 autocomplete choices.</summary>
    public const int MaxChoices = 25;

    private readonly CommandRouter _router;
    private readonly CommandRegistry _registry;
    private readonly UiTexts _texts;
    private readonly ISuggestionSource? _suggestions;
    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deferAfter;
    private readonly ILogger<InteractionResponder> _logger;

    public InteractionResponder(
        CommandRouter router,
        CommandRegistry registry,
        UiTexts texts,
        DiscordRestClient rest,
        TimeProvider time,
        IOptions<DiscordOptions> options,
        ILogger<InteractionResponder> logger,
        ISuggestionSource? suggestions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _router = router;
        _registry = registry;
        _texts = texts;
        _rest = rest;
        _time = time;
        _deferAfter = options.Value.DeferAfter;
        _logger = logger;
        _suggestions = suggestions;
    }

    /// <summary>
    /// Handles the interaction; <paramref name="respond"/> sends the initial response body (Gateway: the callback
    /// endpoint; Http mode: the HTTP response). Follow-ups go over REST either way.
    /// </summary>
    public async Task HandleAsync(Interaction interaction, Func<byte[], CancellationToken, Task> respond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(respond);
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.Ping:
                    await respond(Serialize(new InteractionResponse(InteractionCallbackType.Pong)), cancellationToken);
                    break;
                case InteractionType.ApplicationCommand when interaction.Data?.Name is { Length: > 0 } name:
                    var request = ToRequest(interaction, name, ImageArgument(interaction.Data) + Arguments(interaction.Data.Options));
                    // Moderator commands answer privately (previews, status), also when deferred.
                    var moderators = _registry.TryGet(request.Command, out var handler) && handler.Descriptor.Audience == CommandAudience.Moderators;
                    await RunAsync(interaction, request.User, request.Chat, _texts.LanguageOf(request.Locale), moderators, ct => _router.RouteAsync(request, ct), respond, cancellationToken);
                    break;
                case InteractionType.MessageComponent when interaction.Data?.CustomId is { Length: > 0 } token:
                    var press = ToPress(interaction, token);
                    // A press answers as privately as the message the button was on.
                    var ephemeral = ((interaction.Message?.Flags ?? 0) & MessagePayload.EphemeralFlag) != 0;
                    await RunAsync(interaction, press.User, press.Chat, _texts.LanguageOf(press.Locale), ephemeral, ct => _router.PressAsync(press, ct), respond, cancellationToken);
                    break;
                case InteractionType.Autocomplete:
                    await respond(JsonSerializer.SerializeToUtf8Bytes(Autocomplete(interaction), DiscordJsonContext.Default.AutocompleteResponse), cancellationToken);
                    break;
                default:
                    _logger.InteractionIgnored(interaction.Id, interaction.Type);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not answered again: each part was retried as far as that is safe (a post without an answer may have arrived).
            var error = DiscordErrors.Classify(ex);
            _logger.InteractionFailed(DiscordErrors.IsCallFailure(ex) ? null : ex, interaction.Id, error.Outcome, error.Reason);
        }
    }

    /// <summary>The platform-neutral request for a slash command.</summary>
    private static CommandRequest ToRequest(Interaction interaction, string command, string arguments)
    {
        var (user, chat, locale, member) = Caller(interaction);
        return new CommandRequest(command.ToLowerInvariant(), arguments, user, chat, locale) { Evidence = member };
    }

    /// <summary>The press of the button whose custom id is <paramref name="token"/>.</summary>
    private static ButtonPress ToPress(Interaction interaction, string token)
    {
        var (user, chat, locale, member) = Caller(interaction);
        // The answer to this press can be edited later (a broadcast's progress) through the press's own interaction.
        return new ButtonPress(token, user, chat, locale) { Evidence = member, MessageRef = new InteractionAnswer(interaction.ApplicationId, interaction.Token).ToString() };
    }

    /// <summary>
    /// Who sent the interaction, from where, and, from a server channel only (a guild id and a member: in a DM there is
    /// no member, and a payload that claims one there is not believed), the member as Discord described them.
    /// </summary>
    private static (UserRef User, ChatAddress Chat, string Locale, DiscordMember? Member) Caller(Interaction interaction)
    {
        var user = interaction.Member?.User ?? interaction.User;
        var name = interaction.Member?.Nick ?? user?.GlobalName ?? user?.Username ?? string.Empty;
        var chat = new ChatAddress(
            DiscordPlatform.Id,
            interaction.ChannelId ?? user?.Id ?? string.Empty,
            interaction.GuildId is null ? ChatKind.Private
                : interaction.Channel?.Type == ChannelInfo.Announcement ? ChatKind.Channel
                : ChatKind.Group);
        var member = interaction is { GuildId: { } guild, ChannelId: { } channel, Member: { User.Id: { } id } m }
            ? new DiscordMember(id, channel, m.Permissions, m.Roles, guild)
            : null;
        return (new UserRef(user?.Id ?? string.Empty, name), chat, interaction.Locale ?? interaction.GuildLocale ?? string.Empty, member);
    }

    /// <summary>
    /// Answers with what <paramref name="route"/> returns (its buttons issued for <paramref name="user"/> in <paramref name="chat"/>)
    /// in time: within the window, else deferred (privately when <paramref name="privately"/>, fixed at that point) and edited in.
    /// </summary>
    private async Task RunAsync(Interaction interaction, UserRef user, ChatAddress chat, UiLanguage language, bool privately, Func<CancellationToken, ValueTask<Reply>> route, Func<byte[], CancellationToken, Task> respond, CancellationToken cancellationToken)
    {
        var routing = IssuedAsync(route, user, chat, cancellationToken);
        using var deferCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deferTimer = Task.Delay(_deferAfter, _time, deferCancel.Token);
        if (await Task.WhenAny(routing, deferTimer) == routing)
        {
            await deferCancel.CancelAsync();
            var answer = await routing;
            var messages = DiscordReplyMapper.Map(answer, language, answer.IsError || answer.Private);
            await respond(Serialize(new InteractionResponse(InteractionCallbackType.ChannelMessage, messages[0])), cancellationToken);
            await FollowUpAsync(interaction, messages.Skip(1), cancellationToken);
            return;
        }

        // Slow: acknowledge within Discord's 3 seconds, then put the answer in place of "thinking…".
        await respond(Serialize(new InteractionResponse(
            InteractionCallbackType.DeferredChannelMessage,
            privately ? new MessagePayload { Flags = MessagePayload.EphemeralFlag } : null)), cancellationToken);
        var reply = await routing;
        var deferred = DiscordReplyMapper.Map(reply, language);
        await _rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, deferred[0], cancellationToken);
        await FollowUpAsync(interaction, deferred.Skip(1), cancellationToken);
    }

    private async Task<Reply> IssuedAsync(Func<CancellationToken, ValueTask<Reply>> route, UserRef user, ChatAddress chat, CancellationToken cancellationToken) =>
        await _router.IssueButtonsAsync(await route(cancellationToken), user, chat, cancellationToken);

    private async Task FollowUpAsync(Interaction interaction, IEnumerable<MessagePayload> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await _rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);
        }
    }

    private AutocompleteResponse Autocomplete(Interaction interaction)
    {
        var choices = Array.Empty<AutocompleteChoice>() as IReadOnlyList<AutocompleteChoice>;
        if (_suggestions is not null
            && interaction.Data?.Name is { } name
            && _registry.TryGet(name, out var handler)
            && handler.Descriptor.Suggestions != SuggestionKind.None)
        {
            var focused = Flatten(interaction.Data.Options).FirstOrDefault(o => o.Focused == true);
            var typed = focused is null ? string.Empty : ValueText(focused);
            choices = _suggestions.Suggest(handler.Descriptor.Suggestions, typed, interaction.Locale ?? string.Empty, MaxChoices);
        }

        return new AutocompleteResponse(InteractionCallbackType.AutocompleteResult, new AutocompleteData(choices.Take(MaxChoices).ToList()));
    }

    private static string Arguments(IReadOnlyList<InteractionOption>? options) =>
        string.Join(' ', Flatten(options).Where(o => o.Type != CommandOptionType.Attachment).Select(ValueText).Where(v => v.Length > 0)).Trim();

    /// <summary>
    /// A file given in the command's attachment option, as the <c>--image</c> option of its text: Discord already
    /// holds it on its CDN, and the core fetches and checks it like any image URL.
    /// </summary>
    private static string ImageArgument(InteractionData data)
    {
        var option = Flatten(data.Options).FirstOrDefault(o => o.Type == CommandOptionType.Attachment);
        return option is not null && data.Resolved?.Attachments is { } files && files.TryGetValue(ValueText(option), out var file) && file.Url is { Length: > 0 } url
            ? "--image " + url + " "
            : string.Empty;
    }

    private static IEnumerable<InteractionOption> Flatten(IReadOnlyList<InteractionOption>? options) =>
        options?.SelectMany(o => o.Options is { Count: > 0 } nested ? Flatten(nested) : [o]) ?? [];

    private static string ValueText(InteractionOption option) => option.Value switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString() ?? string.Empty,
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => string.Empty,
    };

    private static byte[] Serialize(InteractionResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse);
}
