using Bot.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>Every log line of the Discord adapter, with stable event ids (41xx). Tokens are never logged.</summary>
internal static partial class DiscordLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Discord: invite the bot with {InviteUrl}")]
    public static partial void Invite(this ILogger logger, string inviteUrl);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Discord gateway: connecting to {Url} ({Kind})")]
    public static partial void Connecting(this ILogger logger, string url, string kind);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Discord gateway: ready as {User}, session {SessionId}, application {ApplicationId}")]
    public static partial void Ready(this ILogger logger, string user, string sessionId, string applicationId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Discord gateway: session resumed at sequence {Sequence}")]
    public static partial void Resumed(this ILogger logger, long? sequence);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Discord gateway: connection ended ({Reason}); next: {Next}")]
    public static partial void ConnectionEnded(this ILogger logger, string reason, string next);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Critical, Message = "Discord gateway stopped for good: close code {Code} ({Meaning}). Fix the setting and restart; the Discord adapter is off.")]
    public static partial void Fatal(this ILogger logger, int code, string meaning);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Discord gateway: no heartbeat ACK since the last heartbeat; the connection is dead, reconnecting")]
    public static partial void Zombie(this ILogger logger);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Discord gateway: connection failed; retrying in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Error, Message = "Discord gateway: could not handle event {EventName}")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception, string eventName);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Discord gateway: all {Total} session starts of the day are used; waiting {Wait} before identifying")]
    public static partial void SessionStartLimit(this ILogger logger, int total, TimeSpan wait);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Discord REST: rate limited on {Route}, waiting {RetryAfter} (global: {Global})")]
    public static partial void RateLimited(this ILogger logger, string route, TimeSpan retryAfter, bool global);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Discord REST: {Route} failed ({Reason}); retrying in {Delay} (attempt {Attempt})")]
    public static partial void Retrying(this ILogger logger, string route, string? reason, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Discord REST: {Route} was refused as unauthorised (401): check Discord:Token")]
    public static partial void Unauthorized(this ILogger logger, string route);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Discord commands: {Count} commands registered ({Scope})")]
    public static partial void CommandsRegistered(this ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Discord commands: unchanged since the last registration ({Scope}); nothing sent")]
    public static partial void CommandsUnchanged(this ILogger logger, string scope);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Error, Message = "Discord commands: registration failed")]
    public static partial void CommandsFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Warning, Message = "Discord commands: /{Command} cannot be a slash command ({Problem}); skipped")]
    public static partial void CommandSkipped(this ILogger logger, string command, string problem);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Error, Message = "Discord interaction {InteractionId} could not be answered ({Outcome}: {Reason})")]
    public static partial void InteractionFailed(this ILogger logger, Exception? exception, string interactionId, DeliveryOutcome outcome, string? reason);

    [LoggerMessage(EventId = 4131, Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} of type {Type} is not one we answer")]
    public static partial void InteractionIgnored(this ILogger logger, string interactionId, int type);

    [LoggerMessage(EventId = 4140, Level = LogLevel.Warning, Message = "Discord HTTP interactions: rejected a request with a bad signature")]
    public static partial void BadSignature(this ILogger logger);

    [LoggerMessage(EventId = 4141, Level = LogLevel.Information, Message = "Discord HTTP interactions: listening on {Urls}{Path}")]
    public static partial void HttpListening(this ILogger logger, string urls, string path);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Information, Message = "Discord gateway: another node is connected; this one stands by and asks again every {Seconds} s")]
    public static partial void GatewayFollowing(this ILogger logger, double seconds);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Information, Message = "Discord gateway: this node connects now (it leads)")]
    public static partial void GatewayLeading(this ILogger logger);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Warning, Message = "Discord gateway: this node no longer leads; disconnecting so the leader's session alone answers")]
    public static partial void GatewayLeadLost(this ILogger logger);

    [LoggerMessage(EventId = 4118, Level = LogLevel.Warning, Message = "Discord gateway: could not ask the database which node leads")]
    public static partial void LeadUnknown(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4150, Level = LogLevel.Critical, Message = "Discord adapter failed to start")]
    public static partial void StartFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4160, Level = LogLevel.Warning, Message = "Discord events: the bot lacks Manage Events in server {Guild} ({GuildId}); give it that permission (Server Settings → Roles) to put the events in the server's Events tab. Until then nothing is sent there.")]
    public static partial void ScheduledEventsForbidden(this ILogger logger, string guild, string guildId);

    [LoggerMessage(EventId = 4161, Level = LogLevel.Information, Message = "Discord events: the bot may manage events in server {Guild} ({GuildId}) now")]
    public static partial void ScheduledEventsAllowed(this ILogger logger, string guild, string guildId);

    [LoggerMessage(EventId = 4162, Level = LogLevel.Information, Message = "Discord events: {Guilds} servers synced: {Created} created, {Updated} updated, {Deleted} deleted; {Skipped} servers without Manage Events")]
    public static partial void ScheduledEventsSynced(this ILogger logger, int guilds, int created, int updated, int deleted, int skipped);

    [LoggerMessage(EventId = 4163, Level = LogLevel.Warning, Message = "Discord events: syncing server {GuildId} failed ({Outcome}: {Reason}); the next pass tries again")]
    public static partial void ScheduledEventsGuildFailed(this ILogger logger, string guildId, DeliveryOutcome outcome, string? reason);

    [LoggerMessage(EventId = 4164, Level = LogLevel.Warning, Message = "Discord events: the sync pass failed ({Outcome}: {Reason}); the next pass tries again")]
    public static partial void ScheduledEventsPassFailed(this ILogger logger, DeliveryOutcome outcome, string? reason);

    [LoggerMessage(EventId = 4165, Level = LogLevel.Debug, Message = "Discord events: the interested counts of server {GuildId} are not available ({Outcome}: {Reason})")]
    public static partial void InterestUnavailable(this ILogger logger, string guildId, DeliveryOutcome outcome, string? reason);
}
