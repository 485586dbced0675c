using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace Bot.Telegram.Api;

/// <summary>
/// Calls the Bot API through Telegram.Bot and repeats calls that failed for a passing reason
/// (429 after <c>retry_after</c>, 5xx and network errors with jittered back-off), waiting on the
/// injected <see cref="TimeProvider"/>. Telegram.Bot's own retry is switched off so that every
/// wait is ours.
/// </summary>
internal sealed partial class TelegramApi
{
    /// <summary>Attempts per call before the error is passed on.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The longest wait inside one call; a longer <c>retry_after</c> fails the call instead of stalling updates.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly ILogger<TelegramApi> _logger;
    private readonly Random _random;

    public TelegramApi(ITelegramBotClient client, TimeProvider time, ILogger<TelegramApi> logger, Random? random = null)
    {
        Client = client;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared;
    }

    /// <summary>The underlying client.</summary>
    public ITelegramBotClient Client { get; }

    /// <summary>Runs a call, repeating it on passing failures.</summary>
    public async Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken, int maxAttempts = MaxAttempts)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(Client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && attempt + 1 < maxAttempts
                && TelegramRetryPolicy.DelayFor(ex, attempt, _random) is { } delay
                && delay <= MaxWait)
            {
                LogRetrying(method, TelegramRetryPolicy.ErrorCode(ex), delay.TotalSeconds, attempt + 1);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a call that returns nothing, repeating it on passing failures.</summary>
    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken, int maxAttempts = MaxAttempts)
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
            maxAttempts);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Telegram {Method} failed with {ErrorCode}; retrying in {DelaySeconds:0.0} s (attempt {Attempt})")]
    private partial void LogRetrying(string method, int errorCode, double delaySeconds, int attempt);
}
