using Bot.Core.Diagnostics;
using Bot.Core.Kernel;
using Microsoft.Extensions.Options;

namespace Bot.Core.Delivery.RateLimits;

/// <summary>
/// The platforms' send limits, shared by answers, reminders and announcements, on the injected
/// <see cref="TimeProvider"/>: each platform's <see cref="PlatformLimits"/> overall, per chat and per
/// group chat. A message counts in a window from its send until a window after its answer or
/// <see cref="DeliveryOptions.MaxArrivalDelay"/> after sending, whichever is earlier (see
/// <see cref="RateWindow"/>), so a request delayed on its way never lands one too many in a window on the
/// platform's side. A 429 blocks its chat for the wait the platform asked; a second 429 from another
/// chat of the same platform within a second is taken as the platform's global limit and blocks the
/// whole platform (a platform need not say which limit it was). Answers come first: while an answer
/// waits for a turn, reminders and announcements to its platform leave room for it.
/// </summary>
internal sealed class DeliveryRateLimiter
{
    private const int ForgetAbove = 10_000;
    private static readonly TimeSpan GlobalSuspicion = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DeliveryOptions _settings;
    private readonly Dictionary<PlatformId, PlatformLimits> _limits = [];
    private readonly Dictionary<PlatformId, RateWindow> _platforms = [];
    private readonly Dictionary<ChatAddress, ChatWindows> _chats = [];
    private readonly Dictionary<PlatformId, (DateTimeOffset At, ChatAddress Chat)> _last429 = [];
    private readonly Dictionary<PlatformId, int> _answersWaiting = [];

    public DeliveryRateLimiter(IOptions<DeliveryOptions> options, IEnumerable<PlatformLimits> limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _settings = options.Value;
        _time = time;
        foreach (var platform in limits)
        {
            _limits[platform.Platform] = platform;
            _platforms[platform.Platform] = new RateWindow(platform.PerSecond, TimeSpan.FromSeconds(1), _settings.MaxArrivalDelay);
        }
    }

    /// <summary>How long until every limit would let one message go to <paramref name="chat"/>; zero when it could go now. Takes nothing.</summary>
    public TimeSpan WaitFor(ChatAddress chat) => Check(chat, out _, take: false, answer: false);

    /// <summary>
    /// Waits until every limit lets one message go to <paramref name="chat"/> and takes that turn: call
    /// it right before the request goes out, and finish the turn when the answer is in.
    /// </summary>
    public async Task<Turn> WaitTurnAsync(ChatAddress chat, CancellationToken cancellationToken) => await WaitTurnAsync(chat, answer: false, cancellationToken);

    /// <summary>
    /// As <see cref="WaitTurnAsync(ChatAddress, CancellationToken)"/>, for the answer to a member's question:
    /// it counts in the platform's budget and a group's per-minute one, shared with reminders and
    /// announcements, but not in the one-a-second pacing of a chat (a member who asks twice gets both answers).
    /// </summary>
    public Task<Turn> WaitAnswerTurnAsync(ChatAddress chat, CancellationToken cancellationToken) => WaitTurnAsync(chat, answer: true, cancellationToken);

    private async Task<Turn> WaitTurnAsync(ChatAddress chat, bool answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (answer)
        {
            lock (_gate)
            {
                _answersWaiting[chat.Platform] = _answersWaiting.GetValueOrDefault(chat.Platform) + 1;
            }
        }

        var started = _time.GetTimestamp();
        try
        {
            while (true)
            {
                var wait = Check(chat, out var turn, take: true, answer);
                if (turn is not null)
                {
                    BotTelemetry.RateLimitWait.Record(BotTelemetry.Seconds(_time, started), new KeyValuePair<string, object?>("platform", chat.Platform.Name));
                    return turn;
                }

                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            if (answer)
            {
                lock (_gate)
                {
                    _answersWaiting[chat.Platform]--;
                }
            }
        }
    }

    /// <summary>
    /// Takes a turn to send one message to <paramref name="chat"/> if every limit allows it now
    /// (returns zero and the turn, to finish when the answer is in); otherwise takes nothing and
    /// returns how long to wait before asking again.
    /// </summary>
    public TimeSpan TryReserve(ChatAddress chat, out Turn? turn) => Check(chat, out turn, take: true, answer: false);

    private TimeSpan Check(ChatAddress chat, out Turn? turn, bool take, bool answer)
    {
        turn = null;
        ArgumentNullException.ThrowIfNull(chat);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var platform = _platforms.GetValueOrDefault(chat.Platform);
            var chatWindows = WindowsOf(chat, now);
            var windows = answer ? chatWindows.PerMinute : chatWindows.All;
            var reserved = answer ? 0 : _answersWaiting.GetValueOrDefault(chat.Platform);
            var wait = platform?.WaitAt(now, reserved) ?? TimeSpan.Zero;

            // An answer skips the chat's one-a-second pacing, not a 429's block on the chat.
            var blocked = chatWindows.Blocked.BlockedUntil - now;
            wait = blocked > wait ? blocked : wait;
            foreach (var window in windows)
            {
                var own = window.WaitAt(now);
                wait = own > wait ? own : wait;
            }

            if (wait > TimeSpan.Zero || !take)
            {
                return wait;
            }

            var entries = new List<RateWindow.Entry>();
            if (platform is not null)
            {
                entries.Add(platform.Take(now));
            }

            foreach (var window in windows)
            {
                entries.Add(window.Take(now));
            }

            turn = new Turn(this, entries);
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// The platform answered 429 for <paramref name="chat"/>: nothing more goes to that chat for
    /// <paramref name="retryAfter"/>, nor to the whole platform when <paramref name="global"/> (or
    /// when another chat of the platform was refused within the last second).
    /// </summary>
    public void RateLimited(ChatAddress chat, TimeSpan retryAfter, bool global = false)
    {
        ArgumentNullException.ThrowIfNull(chat);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var until = now + retryAfter;
            if (_last429.TryGetValue(chat.Platform, out var last) && last.Chat != chat && now - last.At < GlobalSuspicion)
            {
                global = true;
            }

            _last429[chat.Platform] = (now, chat);
            if (global)
            {
                PlatformWindow(chat.Platform).Block(until);
            }

            WindowsOf(chat, now).Blocked.Block(until);
        }
    }

    /// <summary>How long the whole platform is blocked after a global 429 (zero when it is not; for /status and tests).</summary>
    public TimeSpan PlatformBlockedFor(PlatformId platform)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var until = _platforms.TryGetValue(platform, out var window) ? window.BlockedUntil : DateTimeOffset.MinValue;
            return until > now ? until - now : TimeSpan.Zero;
        }
    }

    private void Sending(List<RateWindow.Entry> entries)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in entries)
            {
                entry.Sending(now);
            }
        }
    }

    private void Finish(List<RateWindow.Entry> entries)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in entries)
            {
                entry.Finish(now);
            }
        }
    }

    private RateWindow PlatformWindow(PlatformId platform)
    {
        if (!_platforms.TryGetValue(platform, out var window))
        {
            // A platform without a configured rate still honours a global 429.
            window = new RateWindow(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.Zero);
            _platforms[platform] = window;
        }

        return window;
    }

    private ChatWindows WindowsOf(ChatAddress chat, DateTimeOffset now)
    {
        if (_chats.TryGetValue(chat, out var windows))
        {
            return windows;
        }

        if (_chats.Count >= ForgetAbove)
        {
            foreach (var idle in _chats.Where(c => c.Value.IsIdleAt(now)).Select(c => c.Key).ToList())
            {
                _chats.Remove(idle);
            }
        }

        var arrival = _settings.MaxArrivalDelay;
        var limits = _limits.GetValueOrDefault(chat.Platform);

        // Without pacing of its own a chat only carries its 429 block.
        var perSecond = limits?.PerChatPerSecond is { } chatRate
            ? new RateWindow(chatRate, TimeSpan.FromSeconds(1), arrival)
            : new RateWindow(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        var perMinute = chat.Kind is ChatKind.Group or ChatKind.Channel && limits?.PerGroupPerMinute is { } groupRate
            ? new RateWindow(groupRate, TimeSpan.FromMinutes(1), arrival)
            : null;
        windows = new ChatWindows(perSecond, perMinute);
        _chats[chat] = windows;
        return windows;
    }

    /// <summary>One message's turn: counted in every window it passed until <see cref="Finish"/> (the answer is in) plus the window.</summary>
    internal sealed class Turn
    {
        private readonly DeliveryRateLimiter _owner;
        private readonly List<RateWindow.Entry> _entries;

        public Turn(DeliveryRateLimiter owner, List<RateWindow.Entry> entries)
        {
            _owner = owner;
            _entries = entries;
        }

        /// <summary>
        /// The request goes out now: when the turn was taken a while earlier (the claim's database
        /// write came in between), its arrival may be that much later.
        /// </summary>
        public void Sending() => _owner.Sending(_entries);

        /// <summary>The platform answered (or the send ended otherwise) now.</summary>
        public void Finish() => _owner.Finish(_entries);
    }

    private sealed class ChatWindows(RateWindow perSecond, RateWindow? perMinute)
    {
        /// <summary>The window that also carries the chat's 429 block.</summary>
        public RateWindow Blocked => perSecond;

        public IEnumerable<RateWindow> All => perMinute is null ? [perSecond] : [perSecond, perMinute];

        public IEnumerable<RateWindow> PerMinute => perMinute is null ? [] : [perMinute];

        public bool IsIdleAt(DateTimeOffset now) => perSecond.IsIdleAt(now) && (perMinute?.IsIdleAt(now) ?? true);
    }
}
