using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>
/// <c>/aankondiging [--iedereen|--hier] [om &lt;datum&gt; &lt;tijd&gt;] &lt;tekst&gt;</c> (alias <c>/announce</c>): a moderator
/// writes an announcement in Markdown and gets a private preview, rendered as the platform will show it, with the
/// number of channels it will reach and Confirm / Cancel buttons: follow-ups the router hands back only to the author
/// (while still a moderator of the chat the preview was asked in). A preview is confirmed once, or cancelled.
/// <c>wijzig</c> / <c>intrekken</c> (<c>edit</c> / <c>retract</c>) change one that went out: <see cref="AnnouncementChangeFlow"/>.
/// </summary>
internal sealed class AnnounceHandler : IFollowUpHandler
{
    /// <summary>Payload prefix of the button that confirms a preview.</summary>
    public const string ConfirmPrefix = "confirm:";

    /// <summary>Payload prefix of the button that cancels a preview.</summary>
    public const string CancelPrefix = "cancel:";

    private readonly AnnouncementStore _store;
    private readonly SubscriptionStore _subscriptions;
    private readonly DeliverySignal _signal;
    private readonly IAnnouncementScheduler _scheduler;
    private readonly UiTexts _texts;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly PlatformDirectory _platforms;
    private readonly AnnouncementImages? _images;

    private readonly Uri _siteBaseUrl;
    private readonly AnnouncementChangeFlow _changes;
    private readonly int _progressMinChannels;

    public AnnounceHandler(AnnouncementStore store, SubscriptionStore subscriptions, DeliverySignal signal, IAnnouncementScheduler scheduler, UiTexts texts, TimeProvider time, IOptions<ModerationOptions> options, PlatformDirectory platforms, AnnouncementChangeStore changes, AnnouncementImages? images = null, IOptions<Content.ContentOptions>? content = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _images = images;
        _siteBaseUrl = content?.Value.SiteBaseUrl ?? new Content.ContentOptions().SiteBaseUrl;
        _changes = new AnnouncementChangeFlow(changes, scheduler, signal, _siteBaseUrl);
        _store = store;
        _subscriptions = subscriptions;
        _signal = signal;
        _scheduler = scheduler;
        _texts = texts;
        _time = time;
        _platforms = platforms;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        _progressMinChannels = options.Value.ProgressMinChannels;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "aankondiging",
        ["announce"],
        new LocalizedText("Aankondiging naar alle geabonneerde kanalen (moderators)", "Announcement to every subscribed channel (moderators)"),
        ArgumentUse.Required,
        new LocalizedText("tekst", "text"),
        Audience: CommandAudience.Moderators,
        TakesText: true,
        EnglishName: "announce")
    {
        TakesImage = true,
    };

    public async ValueTask<Reply> FollowUpAsync(CommandRequest request, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        if (await _changes.FollowUpAsync(request, language, payload, cancellationToken) is { } changed)
        {
            return changed;
        }

        if (TryId(payload, ConfirmPrefix, out var confirmId))
        {
            return await ConfirmAsync(confirmId, request, language, cancellationToken);
        }

        if (!TryId(payload, CancelPrefix, out var cancelId))
        {
            throw new ArgumentException($"Not a button of /{Descriptor.Name}: {payload}", nameof(payload));
        }

        var decision = await _store.CancelAsync(cancelId, ModerationTexts.Actor(request), anyModerator: false, cancellationToken);
        return Private(Outcome(decision, cancelId, language, ModerationTexts.Pick(language, $"Aankondiging #{cancelId} geannuleerd; er is niets verstuurd.", $"Announcement #{cancelId} cancelled; nothing was sent.")));
    }

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        if (AnnouncementChangeFlow.TryParse(request.Arguments, out var kind, out var changeId, out var newText))
        {
            return await _changes.PreviewAsync(request, language, kind, changeId, newText, cancellationToken);
        }

        if (!TryParse(request.Arguments.Trim(), language, out var mention, out var due, out var imageUrl, out var text, out var problem))
        {
            return Private(Error(language, problem));
        }

        if (due is { } at && at <= _time.GetUtcNow())
        {
            return Private(Error(language, ModerationTexts.Pick(language, "Dat moment is al voorbij.", "That moment has already passed.")));
        }

        ReplyImage? image = null;
        ImageFormat? format = null;
        if (imageUrl is not null || request.Attachment is not null)
        {
            if (_images is null)
            {
                return Private(Error(language, ModerationTexts.Pick(language, "Afbeeldingen kan deze bot niet versturen.", "This bot cannot send images.")));
            }

            (image, format, var imageProblem) = imageUrl is not null
                ? await _images.FromUrlAsync(imageUrl, cancellationToken)
                : await _images.FromAttachmentAsync(request.Attachment!, cancellationToken);
            if (imageProblem is { } refused)
            {
                return Private(Error(language, ImageTexts.Problem(refused, language, _images.MaxBytes, format)));
            }
        }

        text = AnnouncementMarkdown.ResolveLinks(text, _siteBaseUrl);
        var targets = (await _subscriptions.ListAsync(cancellationToken)).Where(s => !s.Paused).ToList();
        var id = await _store.CreateAsync(ModerationTexts.Actor(request), request.User.DisplayName, request.Chat, text, mention, due, image?.Id, cancellationToken);
        var channels = ModerationTexts.Reach(language, targets.Select(t => t.Chat), _platforms);
        var reach = ModerationTexts.Pick(language, $"Gaat naar {channels}", $"Will reach {channels}");
        Inline[] reachLine = due is { } when
            ? [ReplyText.Text(reach + ModerationTexts.Pick(language, " op ", " at ")), ModerationTexts.Time(when, _zone, language), ReplyText.Text(".")]
            : [ReplyText.Text(reach + ".")];
        var blocks = new List<Block>
        {
            ReplyText.Paragraph(ReplyText.Bold(ModerationTexts.Pick(language, $"Voorbeeld van aankondiging #{id} (alleen jij ziet dit)", $"Preview of announcement #{id} (only you see this)"))),
            ReplyText.Paragraph(reachLine),
        };
        if (format is not null)
        {
            blocks.Add(ReplyText.Paragraph(ImageTexts.Attached(format, language)));
        }

        blocks.AddRange(
        [
            new ThematicBreakBlock(null!) { ThematicChar = '-', ThematicCharCount = 3 },
        ]);
        blocks.AddRange(AnnouncementMarkdown.Parse(text, mention));
        var idText = id.ToString(CultureInfo.InvariantCulture);
        return new Reply
        {
            Body = blocks,
            Private = true,
            Choices =
            [
                ReplyChoice.FollowUp(ModerationTexts.Pick(language, "Bevestigen", "Confirm"), ConfirmPrefix + idText),
                ReplyChoice.FollowUp(ModerationTexts.Pick(language, "Annuleren", "Cancel"), CancelPrefix + idText),
            ],
        };
    }

    private async Task<Reply> ConfirmAsync(long id, CommandRequest request, UiLanguage language, CancellationToken cancellationToken)
    {
        var progress = request.PressedMessage is { Length: > 0 } message ? new BroadcastProgressRequest(request.Chat, message, language, _progressMinChannels) : null;
        var (decision, channels, scheduledFor) = await _store.ConfirmAsync(id, ModerationTexts.Actor(request), progress, cancellationToken);
        if (decision == AnnouncementDecision.Done)
        {
            if (scheduledFor is { } due)
            {
                await _scheduler.ScheduleAsync(id, due, cancellationToken);
                return Private(Reply.FromBlocks(ReplyText.Paragraph(
                    ReplyText.Text(ModerationTexts.Pick(language, $"Aankondiging #{id} staat gepland op ", $"Announcement #{id} is scheduled for ")),
                    ModerationTexts.Time(due, _zone, language),
                    ReplyText.Text(ModerationTexts.Pick(language,
                        $" voor {UiFormat.Channels(language, channels)} (de kanalen die dan geabonneerd zijn). Annuleren: /aankondigingen annuleer {id}",
                        $" to {UiFormat.Channels(language, channels)} (those subscribed by then). Cancel: /announcements cancel {id}")))));
            }

            _signal.Poke();
            return Private(Reply.FromBlocks(ReplyText.Paragraph(ModerationTexts.Pick(language,
                $"Aankondiging #{id} gaat nu naar {UiFormat.Channels(language, channels)}. Voortgang: /status",
                $"Announcement #{id} is going out to {UiFormat.Channels(language, channels)}. Progress: /status"))));
        }

        return Private(Outcome(decision, id, language, string.Empty));
    }

    private static Reply Outcome(AnnouncementDecision decision, long id, UiLanguage language, string done) => decision switch
    {
        AnnouncementDecision.Done => Reply.FromBlocks(ReplyText.Paragraph(done)),
        AnnouncementDecision.NotYours => Error(language, ModerationTexts.Pick(language, $"Alleen wie aankondiging #{id} schreef, kan die bevestigen of annuleren.", $"Only the author of announcement #{id} can confirm or cancel it.")),
        AnnouncementDecision.AlreadyConfirmed => Error(language, ModerationTexts.Pick(language, $"Aankondiging #{id} is al bevestigd; er gebeurt niets nog een keer.", $"Announcement #{id} was already confirmed; nothing happens twice.")),
        AnnouncementDecision.AlreadyCancelled => Error(language, ModerationTexts.Pick(language, $"Aankondiging #{id} is al geannuleerd.", $"Announcement #{id} was already cancelled.")),
        AnnouncementDecision.AlreadySent => Error(language, ModerationTexts.Pick(language, $"Aankondiging #{id} is al verstuurd.", $"Announcement #{id} has already gone out.")),
        _ => Error(language, ModerationTexts.Pick(language, $"Aankondiging #{id} bestaat niet.", $"There is no announcement #{id}.")),
    };

    /// <summary>Options (a mass mention, an image URL), an optional moment, then the text.</summary>
    private bool TryParse(string arguments, UiLanguage language, out MassMention mention, out DateTimeOffset? due, out string? imageUrl, out string text, out string problem)
    {
        mention = MassMention.None;
        due = null;
        imageUrl = null;
        text = arguments;
        problem = string.Empty;
        while (true)
        {
            var (word, rest) = SplitWord(text);
            switch (word.ToLowerInvariant())
            {
                case "--iedereen" or "--everyone":
                    mention = MassMention.Everyone;
                    text = rest;
                    continue;
                case "--hier" or "--here":
                    mention = MassMention.Here;
                    text = rest;
                    continue;
                case "--afbeelding" or "--image" when imageUrl is null:
                    var (url, afterUrl) = SplitWord(rest);
                    if (url.Length == 0)
                    {
                        problem = ImageTexts.Problem(ImageProblem.BadUrl, language, 0, null);
                        return false;
                    }

                    imageUrl = url;
                    text = afterUrl;
                    continue;
                case "om" or "at" when due is null:
                    var (date, afterDate) = SplitWord(rest);
                    var (time, afterTime) = SplitWord(afterDate);
                    if (!ModerationTexts.TryParseMoment(date, time, _zone, _time.GetUtcNow(), out var moment))
                    {
                        problem = ModerationTexts.Pick(language,
                            "Schrijf het moment als om 2026-12-01 14:00 (of om morgen 9:30), in de tijdzone " + _zone.Id + ".",
                            "Write the moment as at 2026-12-01 14:00 (or at tomorrow 9:30), time zone " + _zone.Id + ".");
                        return false;
                    }

                    due = moment;
                    text = afterTime;
                    continue;
                default:
                    break;
            }

            break;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problem = ModerationTexts.Pick(language,
                "Geef de tekst van de aankondiging, bijvoorbeeld: /aankondiging Morgen protest bij het Binnenhof!",
                "Give the text of the announcement, for example: /announce Protest tomorrow at Parliament Square!");
            return false;
        }

        return true;
    }

    private static (string Word, string Remainder) SplitWord(string text)
    {
        var trimmed = text.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n', '\t', '\r']);
        return end < 0 ? (trimmed, string.Empty) : (trimmed[..end], trimmed[(end + 1)..]);
    }

    private static bool TryId(string arguments, string prefix, out long id)
    {
        id = 0;
        return arguments.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(arguments.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static Reply Error(UiLanguage language, string text) =>
        Reply.FromBlocks(ReplyText.Paragraph(text)) with { IsError = true };

    private static Reply Private(Reply reply) => reply with { Private = true };
}
