using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary><c>/aankondigingen [annuleer &lt;id&gt;]</c> (alias <c>/announcements [cancel &lt;id&gt;]</c>): scheduled announcements, and cancelling one (its Quartz trigger too).</summary>
internal sealed class AnnouncementsHandler : ICommandHandler
{
    private readonly AnnouncementStore _store;
    private readonly IAnnouncementScheduler _scheduler;
    private readonly UiTexts _texts;
    private readonly TimeZoneInfo _zone;

    public AnnouncementsHandler(AnnouncementStore store, IAnnouncementScheduler scheduler, UiTexts texts, IOptions<ModerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _scheduler = scheduler;
        _texts = texts;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    }

    public CommandDescriptor Descriptor { get; } = new(
        "aankondigingen",
        ["announcements"],
        new LocalizedText("Geplande aankondigingen bekijken of annuleren (moderators)", "List or cancel scheduled announcements (moderators)"),
        ArgumentUse.Optional,
        new LocalizedText("annuleer-id", "cancel-id"),
        Audience: CommandAudience.Moderators,
        EnglishName: "announcements");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var words = request.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            if (words.Length != 2 || words[0].ToLowerInvariant() is not ("annuleer" or "cancel")
                || !long.TryParse(words[1].TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return Reply.FromBlocks(ReplyText.Paragraph(ModerationTexts.Pick(language,
                    "Gebruik: /aankondigingen (lijst) of /aankondigingen annuleer <nummer>",
                    "Use: /announcements (list) or /announcements cancel <number>"))) with { IsError = true, Private = true };
            }

            var decision = await _store.CancelAsync(id, ModerationTexts.Actor(request), anyModerator: true, cancellationToken);
            if (decision == AnnouncementDecision.Done)
            {
                // The job also skips an announcement that is no longer confirmed, should the trigger fire meanwhile.
                await _scheduler.UnscheduleAsync(id, cancellationToken);
            }

            var text = decision switch
            {
                AnnouncementDecision.Done => ModerationTexts.Pick(language, $"Aankondiging #{id} geannuleerd.", $"Announcement #{id} cancelled."),
                AnnouncementDecision.AlreadyCancelled => ModerationTexts.Pick(language, $"Aankondiging #{id} was al geannuleerd.", $"Announcement #{id} was already cancelled."),
                AnnouncementDecision.AlreadySent => ModerationTexts.Pick(language, $"Aankondiging #{id} is al verstuurd; die kan niet meer terug.", $"Announcement #{id} has already gone out."),
                AnnouncementDecision.NotYours => ModerationTexts.Pick(language, $"Aankondiging #{id} is nog niet bevestigd; alleen de schrijver kan die annuleren.", $"Announcement #{id} is not confirmed yet; only its author can cancel it."),
                _ => ModerationTexts.Pick(language, $"Aankondiging #{id} bestaat niet.", $"There is no announcement #{id}."),
            };
            return Reply.FromBlocks(ReplyText.Paragraph(text)) with { IsError = decision != AnnouncementDecision.Done, Private = true };
        }

        var scheduled = await _store.ScheduledAsync(cancellationToken);
        if (scheduled.Count == 0)
        {
            return Reply.FromBlocks(ReplyText.Paragraph(ModerationTexts.Pick(language, "Er staan geen aankondigingen gepland.", "No announcements are scheduled."))) with { Private = true };
        }

        var items = scheduled.Select(a => new Inline[]
        {
            ReplyText.Bold($"#{a.Id}"),
            ReplyText.Text(" "),
            ModerationTexts.Time(a.DueAt!.Value, _zone, language),
            ReplyText.Text($" · {UiFormat.Channels(language, a.Channels)} · {a.CreatedByName}: {Preview(a.Markdown)}"),
        });
        return new Reply
        {
            Body =
            [
                ReplyText.Paragraph(ModerationTexts.Pick(language, "Geplande aankondigingen (annuleren: /aankondigingen annuleer <nummer>):", "Scheduled announcements (cancel: /announcements cancel <number>):")),
                ReplyText.BulletList(items),
            ],
            Private = true,
        };
    }

    /// <summary>The start of the text as it reads, without its Markdown.</summary>
    private static string Preview(string markdown)
    {
        var line = Content.InlineText.OfBlocks(AnnouncementMarkdown.Parse(markdown, MassMention.None)).ReplaceLineEndings(" ").Trim();
        return line.Length > 60 ? line[..60] + "…" : line;
    }
}
