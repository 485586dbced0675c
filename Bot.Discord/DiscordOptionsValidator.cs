using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>Reports every problem with the <c>Discord</c> settings at once, naming the setting.</summary>
internal sealed partial class DiscordOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (configuration?["Delivery:DiscordPerSecond"] is not null)
        {
            // Moved from the Delivery section: under the old name it would be ignored.
            problems.Add("Delivery:DiscordPerSecond is now Discord:PerSecond (environment Discord__PerSecond); rename the setting.");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            problems.Add("Discord:Token is required: the bot token from the developer portal (environment Discord__Token).");
        }
        else if (options.Token.Any(char.IsWhiteSpace) || options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Discord:Token must be the bare token, without spaces or a 'Bot ' prefix.");
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            problems.Add("Discord:ApiBaseUrl must be an absolute http(s) URL such as https://discord.com/api/v10.");
        }
        else if (!Rest.DiscordRestClient.BaseOf(options.ApiBaseUrl).AbsolutePath.EndsWith("/api/v10/", StringComparison.Ordinal))
        {
            problems.Add("Discord:ApiBaseUrl must end in /api/v10, or be a bare server URL (the bot speaks API version 10 only).");
        }

        if (options.PerSecond is < 1 or > 1000)
        {
            problems.Add($"Discord:PerSecond must be between 1 and 1000 (was {options.PerSecond}).");
        }

        if (options.GatewayUrl is { } gateway && (!gateway.IsAbsoluteUri || gateway.Scheme is not ("ws" or "wss")))
        {
            problems.Add("Discord:GatewayUrl must be an absolute ws:// or wss:// URL, or empty to ask Discord.");
        }

        if (!string.IsNullOrEmpty(options.ApplicationId) && !Snowflake().IsMatch(options.ApplicationId))
        {
            problems.Add("Discord:ApplicationId must be the numeric application id, or empty.");
        }

        if (!string.IsNullOrEmpty(options.GuildId) && !Snowflake().IsMatch(options.GuildId))
        {
            problems.Add("Discord:GuildId must be a numeric server id, or empty for global commands.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add("Discord:Mode must be Gateway or Http.");
        }

        if (options.Mode == DiscordMode.Http)
        {
            if (string.IsNullOrWhiteSpace(options.PublicKey) || !HexKey().IsMatch(options.PublicKey))
            {
                problems.Add("Discord:PublicKey is required in Http mode: the application's public key, 64 hex characters.");
            }

            if (string.IsNullOrWhiteSpace(options.HttpPath) || !options.HttpPath.StartsWith('/'))
            {
                problems.Add("Discord:HttpPath must start with '/'.");
            }
        }

        if (options.ScheduledEventSyncInterval < TimeSpan.FromSeconds(10) || options.ScheduledEventSyncInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"Discord:ScheduledEventSyncInterval must be between 00:00:10 and 1.00:00:00 (was {options.ScheduledEventSyncInterval}).");
        }

        if (options.ScheduledEventDefaultLength <= TimeSpan.Zero || options.ScheduledEventDefaultLength > TimeSpan.FromDays(7))
        {
            problems.Add($"Discord:ScheduledEventDefaultLength must be more than 0 and at most 7.00:00:00 (was {options.ScheduledEventDefaultLength}).");
        }

        if (options.InterestedCacheFor < TimeSpan.Zero || options.InterestedCacheFor > TimeSpan.FromHours(1))
        {
            problems.Add($"Discord:InterestedCacheFor must be between 0 and 01:00:00 (was {options.InterestedCacheFor}).");
        }

        if (options.DeferAfter <= TimeSpan.Zero || options.DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            problems.Add("Discord:DeferAfter must be between 0 and 2.5 seconds (Discord waits 3 seconds for the first answer).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex Snowflake();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexKey();
}
