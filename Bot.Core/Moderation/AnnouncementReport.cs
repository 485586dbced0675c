using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Moderation;

/// <summary>
/// <c>/status &lt;nummer&gt;</c>: where one announcement (and each edit or retraction of it) did not arrive, per
/// platform, each channel by its name with the platform's reason in words, and a button that sends the failed
/// posts again through the outbox.
/// </summary>
internal sealed class AnnouncementReport
{
    /// <summary>Channels named per platform and broadcast; a report stays one readable message.</summary>
    private const int ListedPerPlatform = 25;

    private readonly AnnouncementStore _store;
    private readonly AnnouncementChangeStore _changes;
    private readonly OutboxStore _outbox;
    private readonly SubscriptionStore _subscriptions;
    private readonly ChatNames _names;
    private readonly PlatformDirectory _platforms;
    private readonly DeliverySignal _signal;
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public AnnouncementReport(AnnouncementStore store, AnnouncementChangeStore changes, OutboxStore outbox, SubscriptionStore subscriptions, ChatNames names, PlatformDirectory platforms, DeliverySignal signal, BotDatabase database, TimeProvider time)
    {
        _store = store;
        _changes = changes;
        _outbox = outbox;
        _subscriptions = subscriptions;
        _names = names;
        _platforms = platforms;
        _signal = signal;
        _database = database;
        _time = time;
    }

    /// <summary>The report of announcement <paramref name="id"/>.</summary>
    public async Task<Reply> DescribeAsync(long id, UiLanguage language, CancellationToken cancellationToken)
    {
        var announcement = await _store.GetAsync(id, cancellationToken);
        if (announcement is null)
        {
            return Private(ModerationTexts.Pick(language, $"Aankondiging #{id} bestaat niet.", $"There is no announcement #{id}.")) with { IsError = true };
        }

        var paused = (await _subscriptions.ListPausedAsync(cancellationToken)).Select(s => s.Chat).ToHashSet();
        var progress = await _outbox.ProgressAsync(AnnouncementStore.KeyPrefix(id), cancellationToken);
        var state = announcement.Status is "retracted" ? ModerationTexts.Pick(language, " (ingetrokken)", " (retracted)") : string.Empty;
        var blocks = new List<Block>
        {
            ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, $"Aankondiging #{id}{state}", $"Announcement #{id}{state}"))),
            ReplyText.Paragraph(string.Format(CultureInfo.InvariantCulture,
                ModerationTexts.Pick(language, "{0} van {1} verstuurd, {2} wachtend, {3} mislukt, {4} onbekend of aangekomen", "{0} of {1} sent, {2} pending, {3} failed, {4} unknown whether it arrived"),
                Number(progress.Sent, language), Number(progress.Total, language), progress.Pending + progress.Sending, progress.Failed, progress.Uncertain)),
        };
        // A retracted announcement is not sent again; its retraction may be.
        var retracted = announcement.Status == "retracted";
        var failed = retracted ? 0 : progress.Failed;
        blocks.AddRange(await ProblemsAsync(AnnouncementStore.KeyPrefix(id), paused, language, cancellationToken));
        foreach (var change in await _changes.ConfirmedOfAsync(id, cancellationToken))
        {
            var changed = await _outbox.ProgressAsync(change.KeyPrefix, cancellationToken);
            failed += changed.Failed;
            var edit = change.Kind == AnnouncementChange.Edit;
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(edit ? ModerationTexts.Pick(language, $"Wijziging #{change.Id}", $"Edit #{change.Id}") : ModerationTexts.Pick(language, $"Intrekking #{change.Id}", $"Retraction #{change.Id}"))));
            blocks.Add(ReplyText.Paragraph(string.Format(CultureInfo.InvariantCulture,
                edit ? ModerationTexts.Pick(language, "{0} van {1} aangepast, {2} wachtend, {3} niet gelukt", "{0} of {1} edited, {2} pending, {3} not done")
                     : ModerationTexts.Pick(language, "{0} van {1} verwijderd, {2} wachtend, {3} niet gelukt", "{0} of {1} deleted, {2} pending, {3} not done"),
                Number(changed.Sent, language), Number(changed.Total, language), changed.Pending + changed.Sending, changed.Failed)));
            blocks.AddRange(await ProblemsAsync(change.KeyPrefix, paused, language, cancellationToken));
        }

        return new Reply
        {
            Body = blocks,
            Private = true,
            Choices = failed == 0 ? [] :
            [
                ReplyChoice.FollowUp(ModerationTexts.Pick(language, $"Mislukte opnieuw proberen ({failed})", $"Retry the failed ones ({failed})"), StatusHandler.RetryPrefix + id.ToString(CultureInfo.InvariantCulture)),
            ],
        };
    }

    /// <summary>Queues the failed posts (and changes) of announcement <paramref name="id"/> again, except to paused channels, and audits it.</summary>
    public async Task<Reply> RetryAsync(long id, string actor, UiLanguage language, CancellationToken cancellationToken)
    {
        var announcement = await _store.GetAsync(id, cancellationToken);
        var prefixes = announcement?.Status == "confirmed" ? new List<string> { AnnouncementStore.KeyPrefix(id) } : [];
        prefixes.AddRange((await _changes.ConfirmedOfAsync(id, cancellationToken)).Select(c => c.KeyPrefix));
        var queued = 0;
        foreach (var prefix in prefixes)
        {
            queued += await _outbox.RetryFailedAsync(prefix, cancellationToken);
        }

        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            await AuditLog.WriteAsync(connection, null, _time.GetUtcNow().ToUnixTimeMilliseconds(), actor, "announcement.retry", $"#{id}: {queued} failed posts queued again", cancellationToken);
        }

        _signal.Poke();
        return Private(ModerationTexts.Pick(language,
            $"{UiFormat.Count(queued, "mislukt bericht", "mislukte berichten")} van aankondiging #{id} opnieuw in de wachtrij (kanalen die gepauzeerd zijn niet). Voortgang: /status {id}",
            $"{UiFormat.Count(queued, "failed post", "failed posts")} of announcement #{id} queued again (not to paused channels). Progress: /status {id}"));
    }

    /// <summary>Per platform, each channel where rows of <paramref name="prefix"/> failed or are uncertain, named, with the reason in words.</summary>
    private async Task<List<Block>> ProblemsAsync(string prefix, HashSet<ChatAddress> paused, UiLanguage language, CancellationToken cancellationToken)
    {
        var blocks = new List<Block>();
        foreach (var platform in (await _outbox.ProblemsAsync(prefix, cancellationToken)).GroupBy(p => p.Chat.Platform))
        {
            var items = new List<Inline[]>();
            foreach (var (chat, status, reason) in platform.Take(ListedPerPlatform))
            {
                var name = await _names.NameAsync(chat, language, cancellationToken);
                items.Add([ReplyText.Bold(name), ReplyText.Text(" — " + DeliveryReasonWording.Describe(status, reason, paused.Contains(chat), language))]);
            }

            var more = platform.Count() - ListedPerPlatform;
            if (more > 0)
            {
                items.Add([ReplyText.Text(ModerationTexts.Pick(language, $"… en nog {Number(more, language)}", $"… and {Number(more, language)} more"))]);
            }

            blocks.Add(ReplyText.Paragraph(_platforms.Name(platform.Key, language) + ":"));
            blocks.Add(ReplyText.BulletList(items));
        }

        return blocks;
    }

    /// <summary>"1.200" in Dutch, "1,200" in English.</summary>
    public static string Number(int value, UiLanguage language)
    {
        var text = value.ToString("#,0", CultureInfo.InvariantCulture);
        return language == UiLanguage.En ? text : text.Replace(',', '.');
    }

    private static Reply Private(string text) => Reply.FromBlocks(ReplyText.Paragraph(text)) with { Private = true };
}
