using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax;

namespace Bot.Core.Moderation;

/// <summary>
/// <c>/aankondiging wijzig &lt;nummer&gt; &lt;nieuwe tekst&gt;</c> and <c>/aankondiging intrekken &lt;nummer&gt;</c>
/// (<c>/announce edit|retract</c>): a private preview of the change with Confirm / Cancel buttons, then, after
/// confirmation, the change in every channel through the outbox (<see cref="AnnouncementChangeStore"/>).
/// </summary>
internal sealed class AnnouncementChangeFlow
{
    /// <summary>Payload prefix of the button that confirms a change.</summary>
    public const string ConfirmPrefix = "change-confirm:";

    /// <summary>Payload prefix of the button that cancels a change.</summary>
    public const string CancelPrefix = "change-cancel:";

    private readonly AnnouncementChangeStore _store;
    private readonly IAnnouncementScheduler _scheduler;
    private readonly DeliverySignal _signal;
    private readonly Uri _siteBaseUrl;

    public AnnouncementChangeFlow(AnnouncementChangeStore store, IAnnouncementScheduler scheduler, DeliverySignal signal, Uri siteBaseUrl)
    {
        _store = store;
        _scheduler = scheduler;
        _signal = signal;
        _siteBaseUrl = siteBaseUrl;
    }

    /// <summary>Whether <paramref name="arguments"/> ask for a change: its kind, the announcement's number and the rest (the new text).</summary>
    public static bool TryParse(string arguments, out string kind, out long id, out string rest)
    {
        kind = string.Empty;
        id = 0;
        rest = string.Empty;
        var (word, afterWord) = Split(arguments);
        kind = word.ToLowerInvariant() switch
        {
            "wijzig" or "wijzigen" or "edit" => AnnouncementChange.Edit,
            "intrekken" or "trek-in" or "retract" => AnnouncementChange.Retract,
            _ => string.Empty,
        };
        if (kind.Length == 0)
        {
            return false;
        }

        var (number, text) = Split(afterWord);
        rest = text.Trim();
        return long.TryParse(number.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The preview of a change, with its buttons (only for the moderator who asked).</summary>
    public async Task<Reply> PreviewAsync(CommandRequest request, UiLanguage language, string kind, long id, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var edit = kind == AnnouncementChange.Edit;
        if (edit && string.IsNullOrWhiteSpace(text))
        {
            return Error(ModerationTexts.Pick(language,
                $"Geef de nieuwe tekst, bijvoorbeeld: /aankondiging wijzig {id} Morgen om 14:00 bij het Binnenhof!",
                $"Give the new text, for example: /announce edit {id} Tomorrow at 14:00 at Parliament Square!"));
        }

        var markdown = edit ? AnnouncementMarkdown.ResolveLinks(text, _siteBaseUrl) : null;
        var (decision, changeId, announcement, posts) = await _store.CreateAsync(id, kind, markdown, ModerationTexts.Actor(request), request.Chat, cancellationToken);
        if (decision != AnnouncementDecision.Done || announcement is null)
        {
            return Refused(decision, id, language);
        }

        var scheduled = posts == 0 && announcement.DueAt is not null;
        var what = (edit, scheduled) switch
        {
            (_, true) => ModerationTexts.Pick(language,
                $"Aankondiging #{id} is nog niet verstuurd: alleen de tekst verandert{(edit ? string.Empty : " (ze wordt niet verstuurd)")}.",
                $"Announcement #{id} has not gone out yet: only its text changes{(edit ? string.Empty : " (it will not go out)")}."),
            (true, false) => ModerationTexts.Pick(language,
                $"Past het bericht aan in {UiFormat.Channels(language, posts)}, op de plek waar het staat.",
                $"Edits the message in {UiFormat.Channels(language, posts)}, where it stands."),
            _ => ModerationTexts.Pick(language,
                $"Verwijdert het bericht uit {UiFormat.Channels(language, posts)}. Wat niet lukt (een platform laat oude berichten soms niet verwijderen), staat daarna in /status {id}.",
                $"Deletes the message from {UiFormat.Channels(language, posts)}. What cannot be done (a platform may refuse to delete old messages) is listed in /status {id} afterwards."),
        };
        var title = edit
            ? ModerationTexts.Pick(language, $"Wijziging van aankondiging #{id} (alleen jij ziet dit)", $"Edit of announcement #{id} (only you see this)")
            : ModerationTexts.Pick(language, $"Aankondiging #{id} intrekken (alleen jij ziet dit)", $"Retract announcement #{id} (only you see this)");
        var blocks = new List<Block>
        {
            ReplyText.Paragraph(ReplyText.Bold(title)),
            ReplyText.Paragraph(what),
            new ThematicBreakBlock(null!) { ThematicChar = '-', ThematicCharCount = 3 },
        };

        // The preview never pings: the mass mention is shown as the announcement carries it, as text.
        blocks.AddRange(AnnouncementMarkdown.Parse(markdown ?? announcement.Markdown, announcement.MassMention));
        var changeText = changeId.ToString(CultureInfo.InvariantCulture);
        return new Reply
        {
            Body = blocks,
            Private = true,
            Choices =
            [
                ReplyChoice.FollowUp(edit ? ModerationTexts.Pick(language, "Wijziging bevestigen", "Confirm edit") : ModerationTexts.Pick(language, "Intrekken", "Retract"), ConfirmPrefix + changeText),
                ReplyChoice.FollowUp(ModerationTexts.Pick(language, "Annuleren", "Cancel"), CancelPrefix + changeText),
            ],
        };
    }

    /// <summary>A press of a change's button; null when <paramref name="payload"/> is not one.</summary>
    public async Task<Reply?> FollowUpAsync(CommandRequest request, UiLanguage language, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(payload);
        if (TryId(payload, CancelPrefix, out var cancelId))
        {
            var cancelled = await _store.CancelAsync(cancelId, ModerationTexts.Actor(request), cancellationToken);
            return cancelled == AnnouncementDecision.Done
                ? Private(ModerationTexts.Pick(language, "Wijziging geannuleerd; er is niets veranderd.", "Change cancelled; nothing was changed."))
                : Refused(cancelled, cancelId, language, change: true);
        }

        if (!TryId(payload, ConfirmPrefix, out var changeId))
        {
            return null;
        }

        var (decision, outcome) = await _store.ConfirmAsync(changeId, ModerationTexts.Actor(request), cancellationToken);
        if (decision != AnnouncementDecision.Done || outcome is null)
        {
            return Refused(decision, changeId, language, change: true);
        }

        var id = outcome.Change.AnnouncementId;
        if (outcome.Unscheduled)
        {
            await _scheduler.UnscheduleAsync(id, cancellationToken);
        }

        _signal.Poke();
        var edit = outcome.Change.Kind == AnnouncementChange.Edit;
        if (outcome.Scheduled)
        {
            return Private(edit
                ? ModerationTexts.Pick(language, $"Aankondiging #{id} is nog niet verstuurd: de tekst is aangepast.", $"Announcement #{id} has not gone out yet: its text was changed.")
                : ModerationTexts.Pick(language, $"Aankondiging #{id} is ingetrokken voordat ze verstuurd werd.", $"Announcement #{id} was retracted before it went out."));
        }

        var channels = UiFormat.Channels(language, outcome.Queued);
        var early = outcome.Rewritten == 0 ? string.Empty : ModerationTexts.Pick(language,
            $"; {UiFormat.Channels(language, outcome.Rewritten)} die het nog niet hadden, krijgen {(edit ? "meteen de nieuwe tekst" : "niets meer")}",
            $"; {UiFormat.Channels(language, outcome.Rewritten)} that did not have it yet get {(edit ? "the new text straight away" : "nothing")}");
        return Private(edit
            ? ModerationTexts.Pick(language, $"Aankondiging #{id} wordt aangepast in {channels}{early}. Voortgang: /status {id}", $"Announcement #{id} is being edited in {channels}{early}. Progress: /status {id}")
            : ModerationTexts.Pick(language, $"Aankondiging #{id} wordt ingetrokken uit {channels}{early}. Voortgang: /status {id}", $"Announcement #{id} is being retracted from {channels}{early}. Progress: /status {id}"));
    }

    private static Reply Refused(AnnouncementDecision decision, long id, UiLanguage language, bool change = false) => Error(decision switch
    {
        AnnouncementDecision.NotYours => ModerationTexts.Pick(language, "Alleen wie om deze wijziging vroeg, kan die bevestigen of annuleren.", "Only the moderator who asked for this change can confirm or cancel it."),
        AnnouncementDecision.AlreadyConfirmed => ModerationTexts.Pick(language, "Deze wijziging is al bevestigd; er gebeurt niets nog een keer.", "This change was already confirmed; nothing happens twice."),
        AnnouncementDecision.AlreadyCancelled when change => ModerationTexts.Pick(language, "Deze wijziging is geannuleerd, of de aankondiging zelf.", "This change was cancelled, or the announcement itself."),
        AnnouncementDecision.AlreadyCancelled => ModerationTexts.Pick(language, $"Aankondiging #{id} is geannuleerd en nooit verstuurd.", $"Announcement #{id} was cancelled and never went out."),
        AnnouncementDecision.Retracted => ModerationTexts.Pick(language, change ? "De aankondiging is al ingetrokken; die verandert niet meer." : $"Aankondiging #{id} is al ingetrokken; die verandert niet meer.", change ? "The announcement was already retracted; it no longer changes." : $"Announcement #{id} was already retracted; it no longer changes."),
        AnnouncementDecision.NotConfirmed => ModerationTexts.Pick(language, $"Aankondiging #{id} is nog niet bevestigd; annuleer het voorbeeld en maak een nieuw.", $"Announcement #{id} is not confirmed yet; cancel the preview and make a new one."),
        _ when change => ModerationTexts.Pick(language, "Deze wijziging bestaat niet.", "There is no such change."),
        _ => ModerationTexts.Pick(language, $"Aankondiging #{id} bestaat niet.", $"There is no announcement #{id}."),
    });

    private static (string Word, string Remainder) Split(string text)
    {
        var trimmed = text.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n', '\t', '\r']);
        return end < 0 ? (trimmed, string.Empty) : (trimmed[..end], trimmed[(end + 1)..]);
    }

    private static bool TryId(string payload, string prefix, out long id)
    {
        id = 0;
        return payload.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(payload.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static Reply Private(string text) => Reply.FromBlocks(ReplyText.Paragraph(text)) with { Private = true };

    private static Reply Error(string text) => Reply.FromBlocks(ReplyText.Paragraph(text)) with { IsError = true, Private = true };
}
