using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>
/// <c>/status</c> (moderators): progress of the latest announcements and reminders (sent, pending, failed,
/// and "unknown whether it arrived" for posts that were on the wire when a process died), and the last
/// moderator actions.
/// </summary>
internal sealed class StatusHandler : IFollowUpHandler
{
    /// <summary>Payload prefix of the button that sends an announcement's failed posts again.</summary>
    public const string RetryPrefix = "retry:";

    private const int Broadcasts = 3;
    private readonly AnnouncementStore _store;
    private readonly OutboxStore _outbox;
    private readonly EventCatalog _catalog;
    private readonly UiTexts _texts;
    private readonly TimeZoneInfo _zone;
    private readonly PlatformDirectory _platforms;
    private readonly int _actions;
    private readonly IReadOnlyList<IPlatformNotices> _notices;

    private readonly AnnouncementReport _report;

    public StatusHandler(AnnouncementStore store, OutboxStore outbox, EventCatalog catalog, UiTexts texts, IOptions<ModerationOptions> options, PlatformDirectory platforms, IEnumerable<IPlatformNotices> notices, AnnouncementReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notices = [.. notices];
        _report = report;
        _store = store;
        _outbox = outbox;
        _catalog = catalog;
        _texts = texts;
        _platforms = platforms;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        _actions = options.Value.StatusActions;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "status",
        [],
        new LocalizedText("Voortgang van aankondigingen en laatste moderatoracties (moderators)", "Progress of announcements and the last moderator actions (moderators)"),
        ArgumentUse.Optional,
        new LocalizedText("nummer", "number"),
        Audience: CommandAudience.Moderators);

    public async ValueTask<Reply> FollowUpAsync(CommandRequest request, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(payload);
        var language = _texts.LanguageOf(request.Locale);
        if (!payload.StartsWith(RetryPrefix, StringComparison.Ordinal)
            || !long.TryParse(payload.AsSpan(RetryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ArgumentException($"Not a button of /{Descriptor.Name}: {payload}", nameof(payload));
        }

        return await _report.RetryAsync(id, ModerationTexts.Actor(request), language, cancellationToken);
    }

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var argument = request.Arguments.Trim().TrimStart('#');
        if (argument.Length > 0)
        {
            return long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await _report.DescribeAsync(id, language, cancellationToken)
                : Reply.FromBlocks(ReplyText.Paragraph(ModerationTexts.Pick(language, "Gebruik: /status of /status <nummer van een aankondiging>", "Use: /status or /status <announcement number>"))) with { IsError = true, Private = true };
        }

        var blocks = new List<Block> { ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Aankondigingen", "Announcements"))) };
        var uncertain = 0;
        var recent = await _store.RecentConfirmedAsync(Broadcasts, cancellationToken);
        if (recent.Count == 0)
        {
            blocks.Add(ReplyText.Paragraph(ModerationTexts.Pick(language, "Nog geen aankondigingen verstuurd.", "No announcements sent yet.")));
        }
        else
        {
            var items = new List<Inline[]>();
            foreach (var announcement in recent)
            {
                var progress = await _outbox.ProgressAsync(AnnouncementStore.KeyPrefix(announcement.Id), cancellationToken);
                uncertain += progress.Uncertain;
                var line = ": " + Counts(language, progress);
                if (progress.Cancelled > 0)
                {
                    line += string.Format(CultureInfo.InvariantCulture, ModerationTexts.Pick(language, ", {0} geannuleerd", ", {0} cancelled"), progress.Cancelled);
                }

                line += ModerationTexts.Pick(language, " (van ", " (of ") + UiFormat.Channels(language, announcement.Channels) + ")";
                Inline[] item = announcement.DueAt is { } due
                    ? [ReplyText.Bold($"#{announcement.Id}"), ReplyText.Text(line + ModerationTexts.Pick(language, " · gepland voor ", " · scheduled for ")), ModerationTexts.Time(due, _zone, language)]
                    : [ReplyText.Bold($"#{announcement.Id}"), ReplyText.Text(line)];
                items.Add(item);
            }

            blocks.Add(ReplyText.BulletList(items));
        }

        var reminders = await _outbox.RecentRemindersAsync(Broadcasts, cancellationToken);
        if (reminders.Count > 0)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Herinneringen", "Reminders"))));
            blocks.Add(ReplyText.BulletList(reminders.Select(r =>
            {
                uncertain += r.Progress.Uncertain;
                var title = _catalog.All.FirstOrDefault(e => e.Id == r.EventId)?.Title.For(language) ?? r.EventId;
                return new Inline[] { ReplyText.Bold(title), ReplyText.Text($" ({SlotName(language, r.Slot)}) · {Counts(language, r.Progress)}") };
            })));
        }

        if (uncertain > 0)
        {
            blocks.Add(ReplyText.Paragraph(ModerationTexts.Pick(language,
                "Onbekend: het proces stopte terwijl het bericht onderweg was. Het kan zijn aangekomen en wordt niet opnieuw verstuurd, om dubbele berichten te voorkomen. Kijk in die kanalen en stuur het zo nodig opnieuw met /aankondiging.",
                "Unknown: the process stopped while the post was on its way. It may have arrived and is not sent again, to avoid duplicates. Look in those channels and send it again with /announce if needed.")));
        }

        var needs = _notices.SelectMany(n => n.Current).ToList();
        if (needs.Count > 0)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Nodig", "Needed"))));
            blocks.Add(ReplyText.BulletList(needs.Select(n => new Inline[] { ReplyText.Text(n.For(language)) })));
        }

        blocks.Add(ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Laatste acties", "Last actions"))));
        var audit = await _store.RecentAuditAsync(_actions, cancellationToken);
        blocks.Add(audit.Count == 0
            ? ReplyText.Paragraph(ModerationTexts.Pick(language, "Nog geen acties.", "No actions yet."))
            : ReplyText.BulletList(audit.Select(a => (Inline[])[ModerationTexts.Time(a.At, _zone, language), ReplyText.Text(" — "), .. AuditWording.Describe(a, language, _zone, _platforms)])));
        return new Reply { Body = blocks, Private = true };
    }

    private static string Counts(UiLanguage language, DeliveryProgress p)
    {
        var text = string.Format(CultureInfo.InvariantCulture,
            ModerationTexts.Pick(language, "{0} verstuurd, {1} wachtend, {2} mislukt, {3} onbekend of aangekomen", "{0} sent, {1} pending, {2} failed, {3} unknown whether it arrived"),
            p.Sent, p.Pending + p.Sending, p.Failed, p.Uncertain);
        return p.Expired == 0 ? text : text + string.Format(CultureInfo.InvariantCulture, ModerationTexts.Pick(language, ", {0} te laat (event begonnen)", ", {0} too late (event began)"), p.Expired);
    }

    private static string SlotName(UiLanguage language, string slot)
    {
        if (slot.StartsWith("offset-", StringComparison.Ordinal) && ReminderOffset.TryParse(slot[7..], out var offset))
        {
            var before = RelativeTime.DaysAndHours(offset, language);
            return ModerationTexts.Pick(language, before + " vooraf", before + " before");
        }

        if (slot.StartsWith("countdown-", StringComparison.Ordinal) && int.TryParse(slot[10..], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            return ModerationTexts.Pick(language, "aftellen, nog " + UiFormat.Count(days, "dag", "dagen"), "countdown, " + UiFormat.Count(days, "day", "days") + " to go");
        }

        return ModerationTexts.Pick(language, "herinnering", "reminder");
    }
}
