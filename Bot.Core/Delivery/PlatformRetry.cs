using Polly;
using Polly.Retry;

namespace Bot.Core.Delivery;

/// <summary>
/// Repeats one platform call by the error model, through a Polly retry pipeline that waits on the
/// injected <see cref="TimeProvider"/>: a transient failure (<see cref="DeliveryOutcome.Retry"/>) after
/// exponential back-off with jitter (<see cref="BaseDelay"/> … <see cref="MaxDelay"/>), a rate limit
/// after the platform's retry-after (up to <see cref="MaxWait"/>), a call that got no answer
/// (<see cref="DeliveryOutcome.Uncertain"/>) only when repeating it is harmless, and nothing else. A
/// message-creating call that timed out is never repeated: it may have arrived.
/// </summary>
internal sealed class PlatformRetry
{
    /// <summary>Attempts per call, unless the caller asks for fewer.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The median first back-off step.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off step.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The longest retry-after waited out inside one call; a longer one fails the call instead of stalling it.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>How long sending to a platform rests after it refused our credentials, before one send tries again.</summary>
    public static readonly TimeSpan UnauthorizedPause = TimeSpan.FromMinutes(1);

    private static readonly ResiliencePropertyKey<(bool Idempotent, int MaxAttempts, bool PacedByCaller)> CallKey = new("bot.platform-call");

    private readonly ResiliencePipeline _pipeline;

    /// <param name="time">The clock every wait is on.</param>
    /// <param name="classify">The platform's classifier from its exceptions to the error model.</param>
    /// <param name="retrying">Told before each wait (for the log): the call's name, its error, the wait and the attempt that comes next.</param>
    public PlatformRetry(TimeProvider time, Func<Exception, DeliveryResult> classify, Action<string, DeliveryResult, TimeSpan, int> retrying)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(retrying);
        var options = new RetryStrategyOptions
        {
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = BaseDelay,
            MaxDelay = MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } error
                && args.Context.Properties.GetValue(CallKey, default) is var call
                && args.AttemptNumber + 1 < call.MaxAttempts
                && MayRepeat(classify(error), call.Idempotent)
                && !(call.PacedByCaller && classify(error).Outcome == DeliveryOutcome.RateLimited)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is { } error && classify(error) is { Outcome: DeliveryOutcome.RateLimited, RetryAfter: { } wait } ? wait : (TimeSpan?)null),
            OnRetry = args =>
            {
                retrying(args.Context.OperationKey ?? string.Empty, classify(args.Outcome.Exception!), args.RetryDelay, args.AttemptNumber + 2);
                return default;
            },
        };
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(options).Build();
    }

    /// <summary>
    /// Runs <paramref name="call"/> (<paramref name="name"/> in the log), repeating it while the error
    /// model allows, at most <paramref name="maxAttempts"/> times in all; the last error is thrown as it
    /// came. <paramref name="idempotent"/>: repeating the call after no answer is harmless (a read, an
    /// overwrite), unlike creating a message. <paramref name="pacedByCaller"/>: the caller takes its turns
    /// in a rate limiter, so a rate limit goes back to it (to block the chat there and take a new turn)
    /// instead of being waited out here, outside the limiter's count.
    /// </summary>
    public async Task<T> RunAsync<T>(string name, bool idempotent, int maxAttempts, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool pacedByCaller = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(name, cancellationToken);
        context.Properties.Set(CallKey, (idempotent, maxAttempts, pacedByCaller));
        try
        {
            return await _pipeline.ExecuteAsync(static async (context, call) => await call(context.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Whether a call that failed with <paramref name="error"/> may simply be made again.</summary>
    public static bool MayRepeat(DeliveryResult error, bool idempotent)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Outcome switch
        {
            DeliveryOutcome.Retry => true,
            DeliveryOutcome.RateLimited => error.RetryAfter is not { } wait || wait <= MaxWait,
            DeliveryOutcome.Uncertain => idempotent,
            _ => false,
        };
    }
}
