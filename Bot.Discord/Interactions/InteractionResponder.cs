using System.Globalization;
using System.Text.Json;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Discord.Api;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Answers one interaction: slash commands and button presses through the core's <see cref="CommandRouter"/>
/// (type 4 within the window, or type 5 then an edit when the command is slow), autocomplete with at most
/// 25 choices (type 8), PING with PONG. Extra messages of a long answer go out as follow-ups, one REST call
/// each, so a part that is retried never repeats the parts before it.
/// </summary>
internal sealed class InteractionResponder
{
    /// <summary>Discord allows at most 25 autocomplete choices.</summary>
    public const int MaxChoices = 25;

    private const ulong Administrator = 0x8;
    private const ulong ManageGuild = 0x20;

    private readonly CommandRouter _router;
    private readonly CommandRegistry _registry;
    private readonly UiTexts _texts;
    private readonly ISuggestionSource? _suggestions;
    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deferAfter;
    private readonly ILogger<InteractionResponder> _logger;
    private readonly IReadOnlySet<string> _moderatorRoles;

    public InteractionResponder(
        CommandRouter router,
        CommandRegistry registry,
        UiTexts texts,
        DiscordRestClient rest,
        TimeProvider time,
        IOptions<DiscordOptions> options,
        ILogger<InteractionResponder> logger,
        ISuggestionSource? suggestions = null,
        IOptions<DiscordModerationOptions>? moderation = null)
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
        _moderatorRoles = new HashSet<string>(moderation?.Value.DiscordRoleIds ?? [], StringComparer.Ordinal);
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
                    await RunAsync(interaction, name, Arguments(interaction.Data.Options), respond, cancellationToken);
                    break;
                case InteractionType.MessageComponent when CustomIds.TryDecode(interaction.Data?.CustomId, out var command, out var arguments):
                    await RunAsync(interaction, command, arguments, respond, cancellationToken);
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

    /// <summary>The platform-neutral request for an interaction.</summary>
    internal static CommandRequest ToRequest(Interaction interaction, string command, string arguments, IReadOnlySet<string>? moderatorRoles = null)
    {
        var user = interaction.Member?.User ?? interaction.User;
        var name = interaction.Member?.Nick ?? user?.GlobalName ?? user?.Username ?? string.Empty;
        var chat = new ChatAddress(
            DiscordPlatform.Id,
            interaction.ChannelId ?? user?.Id ?? string.Empty,
            interaction.GuildId is null ? ChatKind.Private : ChatKind.Group);
        return new CommandRequest(
            command.ToLowerInvariant(),
            arguments,
            new UserRef(user?.Id ?? string.Empty, name),
            chat,
            interaction.Locale ?? interaction.GuildLocale ?? string.Empty,
            IsModerator(interaction, moderatorRoles));
    }

    /// <summary>
    /// A moderator is a member of the server the interaction came from (a guild id and a member: in a DM there
    /// is no member, and a payload that claims one there is refused) with Manage Guild or Administrator in this
    /// channel, as Discord computed it, or with one of the roles in <c>Moderation:DiscordRoleIds</c>.
    /// </summary>
    internal static bool IsModerator(Interaction interaction, IReadOnlySet<string>? moderatorRoles)
    {
        if (interaction.GuildId is null || interaction.Member is not { } member)
        {
            return false;
        }

        return IsModerator(member.Permissions)
            || (moderatorRoles is { Count: > 0 } && member.Roles is { } roles && roles.Any(moderatorRoles.Contains));
    }

    /// <summary>Manage Guild or Administrator in this channel, from the permissions Discord computed for the member.</summary>
    internal static bool IsModerator(string? permissions) =>
        ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && (bits & (Administrator | ManageGuild)) != 0;

    private async Task RunAsync(Interaction interaction, string command, string arguments, Func<byte[], CancellationToken, Task> respond, CancellationToken cancellationToken)
    {
        var request = ToRequest(interaction, command, arguments, _moderatorRoles);
        var language = _texts.LanguageOf(request.Locale);
        var routing = _router.RouteAsync(request, cancellationToken).AsTask();
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
        // Moderator commands answer privately (previews, status); the privacy of a deferred answer is fixed here.
        var privately = _registry.TryGet(request.Command, out var slow) && slow.Descriptor.ModeratorOnly;
        await respond(Serialize(new InteractionResponse(
            InteractionCallbackType.DeferredChannelMessage,
            privately ? new MessagePayload { Flags = MessagePayload.EphemeralFlag } : null)), cancellationToken);
        var reply = await routing;
        var deferred = DiscordReplyMapper.Map(reply, language);
        await _rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, deferred[0], cancellationToken);
        await FollowUpAsync(interaction, deferred.Skip(1), cancellationToken);
    }

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
        string.Join(' ', Flatten(options).Select(ValueText).Where(v => v.Length > 0)).Trim();

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
