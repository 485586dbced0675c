using System.Collections.Concurrent;
using System.Net;
using Bot.Core.Delivery;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// Publishes (crossposts) what the bot posted in an announcement channel (type 5), so the servers that follow the
/// channel receive it. Discord allows <see cref="PerHour"/> publications an hour per channel: over that, or while
/// Discord's own 429 for the channel lasts, the message stays unpublished and the log says so; nothing waits for
/// it. Publishing the bot's own messages needs only Send Messages. Which channels are announcement channels the
/// subscription knows (<see cref="Bot.Core.Kernel.ChatKind.Channel"/>, from the channel type Discord sends with
/// <c>/abonneer</c>), so no extra request is made per channel.
/// </summary>
internal sealed partial class DiscordCrossposter
{
    /// <summary>Discord's crosspost limit per channel and hour.</summary>
    public const int PerHour = 10;

    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordCrossposter> _logger;
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public DiscordCrossposter(DiscordRestClient rest, TimeProvider time, ILogger<DiscordCrossposter> logger)
    {
        _rest = rest;
        _time = time;
        _logger = logger;
    }

    /// <summary>Discord's answer to publishing a message that is published already (a publication made again after a crash).</summary>
    public const int AlreadyCrossposted = 40033;

    /// <summary>
    /// Publishes message <paramref name="messageId"/> of announcement channel <paramref name="channelId"/> when the limit
    /// allows; never throws for Discord's answers. Sent when it is published (also when it already was), and when it is
    /// left unpublished for the hourly limit or Discord's 429 (logged: trying later would only publish it late); Retry for
    /// a transient error (the outbox row tries again); Failed for a refusal.
    /// </summary>
    public async Task<DeliveryResult> PublishAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        var window = _windows.GetOrAdd(channelId, _ => new Window());
        if (window.TryTake(_time.GetUtcNow()) is { } refused)
        {
            if (refused.Blocked)
            {
                LogStillBlocked(channelId, messageId, refused.FreeAgain);
            }
            else
            {
                LogOverLimit(channelId, messageId, PerHour, refused.FreeAgain);
            }

            return DeliveryResult.Sent;
        }

        try
        {
            await _rest.CrosspostAsync(channelId, messageId, cancellationToken);
            LogPublished(channelId, messageId);
            return DeliveryResult.Sent;
        }
        catch (DiscordApiException ex) when (ex.Code == AlreadyCrossposted)
        {
            LogAlreadyPublished(channelId, messageId);
            return DeliveryResult.Sent;
        }
        catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.TooManyRequests)
        {
            var wait = ex.RetryAfter ?? TimeSpan.FromMinutes(1);
            window.BlockUntil(_time.GetUtcNow() + wait);
            LogRateLimited(channelId, messageId, wait);
            return DeliveryResult.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            var result = DiscordErrors.Classify(ex);
            LogFailed(channelId, messageId, result.Reason);

            // A refusal is about this message, never a reason to stop posting in the channel.
            return result.Outcome is DeliveryOutcome.Retry or DeliveryOutcome.Uncertain or DeliveryOutcome.Unauthorized ? result : result with { Outcome = DeliveryOutcome.Failed };
        }
    }

    /// <summary>One channel's publications of the last hour, and Discord's block if it sent one.</summary>
    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _published = new();
        private DateTimeOffset _blockedUntil;

        /// <summary>Counts a publication now; when none is allowed, when one will be and whether Discord's 429 is why.</summary>
        public (DateTimeOffset FreeAgain, bool Blocked)? TryTake(DateTimeOffset now)
        {
            lock (_published)
            {
                while (_published.Count > 0 && _published.Peek() <= now - TimeSpan.FromHours(1))
                {
                    _published.Dequeue();
                }

                if (_blockedUntil > now)
                {
                    return (_blockedUntil, true);
                }

                if (_published.Count >= PerHour)
                {
                    return (_published.Peek() + TimeSpan.FromHours(1), false);
                }

                _published.Enqueue(now);
                return null;
            }
        }

        public void BlockUntil(DateTimeOffset until)
        {
            lock (_published)
            {
                _blockedUntil = until > _blockedUntil ? until : _blockedUntil;
            }
        }
    }

    [LoggerMessage(EventId = 4160, Level = LogLevel.Information, Message = "Discord: published message {MessageId} of announcement channel {ChannelId} to its followers")]
    private partial void LogPublished(string channelId, string messageId);

    [LoggerMessage(EventId = 4161, Level = LogLevel.Warning, Message = "Discord: message {MessageId} of announcement channel {ChannelId} left unpublished: {Limit} publications an hour reached; possible again at {FreeAgain:O}")]
    private partial void LogOverLimit(string channelId, string messageId, int limit, DateTimeOffset freeAgain);

    [LoggerMessage(EventId = 4162, Level = LogLevel.Warning, Message = "Discord: message {MessageId} of announcement channel {ChannelId} left unpublished: Discord asked to wait {Wait} (429)")]
    private partial void LogRateLimited(string channelId, string messageId, TimeSpan wait);

    [LoggerMessage(EventId = 4164, Level = LogLevel.Warning, Message = "Discord: message {MessageId} of announcement channel {ChannelId} left unpublished: Discord's 429 for publishing there lasts until {Until:O}")]
    private partial void LogStillBlocked(string channelId, string messageId, DateTimeOffset until);

    [LoggerMessage(EventId = 4166, Level = LogLevel.Information, Message = "Discord: message {MessageId} of announcement channel {ChannelId} was already published (a publication made again after a restart)")]
    private partial void LogAlreadyPublished(string channelId, string messageId);

    [LoggerMessage(EventId = 4163, Level = LogLevel.Warning, Message = "Discord: publishing message {MessageId} of channel {ChannelId} failed: {Reason}; left unpublished")]
    private partial void LogFailed(string channelId, string messageId, string? reason);
}
