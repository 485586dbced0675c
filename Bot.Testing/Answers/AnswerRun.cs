namespace Bot.Testing.Answers;

/// <summary>One question's answer, as the fake platform saw it.</summary>
/// <param name="Chat">The private chat (and member) that asked.</param>
/// <param name="Total">From the moment <c>getUpdates</c> handed the question out until the answer's <c>sendMessage</c> reached the platform.</param>
/// <param name="BotTime">
/// As <paramref name="Total"/>, but from the later of that moment and the moment the send limit had room for this
/// answer (see <see cref="AnswerLoad"/>): the time the bot took of its own, rate-limit waits left out.
/// </param>
internal sealed record AnswerTiming(long Chat, TimeSpan Total, TimeSpan BotTime);

/// <summary>What one batch of questions measured.</summary>
/// <param name="Answers">The first answer each chat got, for the chats that got one.</param>
/// <param name="Questions">The questions asked (one per chat).</param>
/// <param name="AnsweredMoreThanOnce">Chats that got more than one message.</param>
/// <param name="Telegram429">429s the platform gave for its limits while the batch was answered (any chat; forced ones not counted).</param>
/// <param name="Rate">Answers a second in steady state (after the first window's burst); NaN for a batch no larger than that burst.</param>
internal sealed record AnswerRun(IReadOnlyList<AnswerTiming> Answers, int Questions, int AnsweredMoreThanOnce, int Telegram429, double Rate)
{
    /// <summary>Chats that got no answer.</summary>
    public int Unanswered => Questions - Answers.Count;

    /// <summary>The distribution of <see cref="AnswerTiming.Total"/>.</summary>
    public Latencies Total => Latencies.Of(Answers.Select(a => a.Total));

    /// <summary>The distribution of <see cref="AnswerTiming.BotTime"/>.</summary>
    public Latencies BotTime => Latencies.Of(Answers.Select(a => a.BotTime));

    /// <summary>Every chat answered exactly once.</summary>
    public bool AllAnsweredOnce => Unanswered == 0 && AnsweredMoreThanOnce == 0;
}

/// <summary>The same batch twice, the second time with one chat's first answer refused with a 429.</summary>
/// <param name="Baseline">The batch with no 429.</param>
/// <param name="Limited">The batch with the refused chat.</param>
/// <param name="BaselineFirst">The chat in <paramref name="Baseline"/> that stands for the refused one (it asked first too).</param>
/// <param name="Refused">The chat whose first answer was refused.</param>
internal sealed record RateLimitedChatRun(AnswerRun Baseline, AnswerRun Limited, long BaselineFirst, long Refused)
{
    /// <summary>The refused chat's answer (null if it never came).</summary>
    public AnswerTiming? RefusedAnswer => Limited.Answers.FirstOrDefault(a => a.Chat == Refused);

    /// <summary>The other chats' answers without the 429.</summary>
    public IReadOnlyList<AnswerTiming> OthersWithout => [.. Baseline.Answers.Where(a => a.Chat != BaselineFirst)];

    /// <summary>The other chats' answers with the 429.</summary>
    public IReadOnlyList<AnswerTiming> OthersWith => [.. Limited.Answers.Where(a => a.Chat != Refused)];

    /// <summary>
    /// For the other chats, the k-th fastest total with the 429 minus the k-th fastest without. Noisy at the
    /// limit's window boundaries: an answer that misses one by a millisecond is a window later.
    /// </summary>
    public IReadOnlyList<TimeSpan> ExtraDelays =>
        [.. OthersWith.Select(a => a.Total).Order().Zip(OthersWithout.Select(a => a.Total).Order(), (with, without) => with - without)];

    /// <summary>
    /// The longest any other chat waited with the 429 beyond what the limit imposed (its bot time): had the 429
    /// held other chats up, this is where it shows.
    /// </summary>
    public TimeSpan OthersMaxBotTime => OthersWith.Select(a => a.BotTime).DefaultIfEmpty(TimeSpan.Zero).Max();
}

/// <summary>Questions asked while a broadcast runs.</summary>
/// <param name="Answers">The questions' answers (<see cref="AnswerRun.Telegram429"/> counts the broadcast's 429s too).</param>
/// <param name="BroadcastChats">Chats the broadcast went to.</param>
/// <param name="BroadcastDelivered">Broadcast messages delivered.</param>
/// <param name="BroadcastRate">Broadcast messages a second in steady state.</param>
/// <param name="BroadcastElapsed">From queueing the broadcast until its last row was done.</param>
internal sealed record BroadcastAnswerRun(AnswerRun Answers, int BroadcastChats, int BroadcastDelivered, double BroadcastRate, TimeSpan BroadcastElapsed);
