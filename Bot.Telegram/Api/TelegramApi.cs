using Bot.Core.Delivery;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace Bot.Telegram.Api;

/// <summary>
/// Calls the Bot API through Telegram.Bot, repeating calls that failed for a passing reason as
/// <see cref="TelegramErrors"/> classifies them (<see cref="PlatformRetry"/>: 429 after
/// <c>retry_after</c>, 5xx and connections that could not be made with jittered back-off, a call without
/// an answer only when it sends no message), waiting on the injected <see cref="TimeProvider"/>.
/// Telegram.Bot's own retry is switched off so that every wait is ours.
/// </summary>
internal sealed partial class TelegramApi
{
    /// <summary>Attempts per call before the error is passed on.</summary>
    public const int MaxAttempts = PlatformRetry.MaxAttempts;

    private readonly PlatformRetry _retry;
    private readonly ILogger<TelegramApi> _logger;

    public TelegramApi(ITelegramBotClient client, TimeProvider time, ILogger<TelegramApi> logger)
    {
        Client = client;
        _logger = logger;
        _retry = new PlatformRetry(time, TelegramErrors.Classify, (method, error, delay, attempt) => LogRetrying(method, error.Reason, delay.TotalSeconds, attempt));
    }

    /// <summary>The underlying client.</summary>
    public ITelegramBotClient Client { get; }

    /// <summary>
    /// Runs a call, repeating it on passing failures. Only <c>sendMessage</c> and <c>sendPhoto</c> create something: every
    /// other call the bot makes (reads, settings, answers to queries) is harmless to repeat after no answer.
    /// </summary>
    public Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken, int maxAttempts = MaxAttempts, bool pacedByCaller = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        var idempotent = !string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase) && !string.Equals(method, "sendPhoto", StringComparison.OrdinalIgnoreCase);
        return _retry.RunAsync(method, idempotent, maxAttempts, ct => call(Client, ct), cancellationToken, pacedByCaller);
    }

    /// <summary>Runs a call that returns nothing, repeating it on passing failures.</summary>
    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken, int maxAttempts = MaxAttempts, bool pacedByCaller = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync<bool>(
            method,
            async (client, ct) =>
            {
                await call(client, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            maxAttempts,
            pacedByCaller);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Telegram {Method} failed ({Reason}); retrying in {DelaySeconds:0.0} s (attempt {Attempt})")]
    private partial void LogRetrying(string method, string? reason, double delaySeconds, int attempt);
}
