using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>Reports every problem with the Telegram settings at once, never echoing the token.</summary>
internal sealed partial class TelegramOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<TelegramOptions>
{
    /// <summary>Settings that moved here from the <c>Delivery</c> section: set under the old name, they would be ignored.</summary>
    private static readonly (string Old, string New)[] Moved = [("Delivery:TelegramPerSecond", "Telegram:PerSecond"), ("Delivery:TelegramGroupPerMinute", "Telegram:GroupPerMinute")];

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (old, now) in Moved.Where(m => configuration?[m.Old] is not null))
        {
            problems.Add($"{old} is now {now} (environment {now.Replace(":", "__", StringComparison.Ordinal)}); rename the setting.");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            problems.Add("Telegram:Token (environment Telegram__Token) is empty; get a token from @BotFather.");
        }
        else if (!TokenPattern().IsMatch(options.Token))
        {
            problems.Add("Telegram:Token (environment Telegram__Token) does not look like a bot token (digits, a colon, then letters, digits, '_' or '-').");
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.");
        }

        if (options.PerSecond is < 1 or > 1000)
        {
            problems.Add($"Telegram:PerSecond must be between 1 and 1000 (was {options.PerSecond}).");
        }

        if (options.GroupPerMinute is < 1 or > 1000)
        {
            problems.Add($"Telegram:GroupPerMinute must be between 1 and 1000 (was {options.GroupPerMinute}).");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (options.WebhookUrl is null || !options.WebhookUrl.IsAbsoluteUri || options.WebhookUrl.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add("Telegram:WebhookUrl must be an absolute https URL when Telegram:Mode is Webhook.");
            }

            if (string.IsNullOrEmpty(options.WebhookSecret) || !SecretPattern().IsMatch(options.WebhookSecret))
            {
                problems.Add("Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, '_' and '-' when Telegram:Mode is Webhook.");
            }
        }
        else if (options.Mode != TelegramMode.Polling)
        {
            problems.Add("Telegram:Mode must be Polling or Webhook.");
        }

        if (options.PollTimeout < TimeSpan.Zero || options.PollTimeout > TimeSpan.FromSeconds(50))
        {
            problems.Add("Telegram:PollTimeout must be between 00:00:00 and 00:00:50.");
        }

        if (options.MaxConcurrentChats is < 1 or > 1000)
        {
            problems.Add($"Telegram:MaxConcurrentChats must be between 1 and 1000 (was {options.MaxConcurrentChats}).");
        }

        if (options.FloodBurst < 1)
        {
            problems.Add("Telegram:FloodBurst must be at least 1.");
        }

        if (options.FloodRefill <= TimeSpan.Zero)
        {
            problems.Add("Telegram:FloodRefill must be a positive time span such as 00:00:03.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
