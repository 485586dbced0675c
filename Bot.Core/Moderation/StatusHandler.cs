using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary><c>/status</c> (moderators): progress of the latest announcements (sent / pending / failed, from the outbox) and the last moderator actions.</summary>
internal sealed class StatusHandler : ICommandHandler
{
    private const int Broadcasts = 3;
    private readonly AnnouncementStore _store;
    private readonly UiTexts _texts;
    private readonly TimeZoneInfo _zone;
    private readonly int _actions;

    public StatusHandler(AnnouncementStore store, UiTexts texts, IOptions<ModerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _texts = texts;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        _actions = options.Value.StatusActions;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "status",
        [],
        new LocalizedText("Voortgang van aankondigingen en laatste moderatoracties (moderators)", "Progress of announcements and the last moderator actions (moderators)"),
        ArgumentUse.None,
        ModeratorOnly: true);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var blocks = new List<Block> { ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Aankondigingen", "Announcements"))) };
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
                var progress = await _store.ProgressAsync(announcement.Id, cancellationToken);
                int Count(params string[] statuses) => statuses.Sum(s => progress.GetValueOrDefault(s));
                var line = string.Format(CultureInfo.InvariantCulture,
                    ModerationTexts.Pick(language, " {0} verstuurd, {1} wachtend, {2} mislukt, {3} geannuleerd van {4}", " {0} sent, {1} pending, {2} failed, {3} cancelled of {4}"),
                    Count("sent"), Count("pending", "sending"), Count("failed", "uncertain", "expired"), Count("cancelled"), announcement.Channels);
                if (announcement.DueAt is { } due)
                {
                    line += ModerationTexts.Pick(language, " · gepland ", " · scheduled ") + ModerationTexts.Local(due, _zone);
                }

                items.Add([ReplyText.Bold($"#{announcement.Id}"), ReplyText.Text(line)]);
            }

            blocks.Add(ReplyText.BulletList(items));
        }

        blocks.Add(ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, "Laatste acties", "Last actions"))));
        var audit = await _store.RecentAuditAsync(_actions, cancellationToken);
        blocks.Add(audit.Count == 0
            ? ReplyText.Paragraph(ModerationTexts.Pick(language, "Nog geen acties.", "No actions yet."))
            : ReplyText.BulletList(audit.Select(a => new Inline[]
            {
                ReplyText.Text($"{ModerationTexts.Local(a.At, _zone)} {a.Actor} "),
                ReplyText.Code(a.Action),
                ReplyText.Text(" " + a.Detail),
            })));
        return new Reply { Body = blocks, Private = true };
    }
}
