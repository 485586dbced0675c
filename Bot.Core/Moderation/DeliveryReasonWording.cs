using Bot.Core.Delivery;
using Bot.Core.Kernel;

namespace Bot.Core.Moderation;

/// <summary>The platform's reason a post (or a change to one) did not go, in words a moderator reads, not the platform's codes.</summary>
internal static class DeliveryReasonWording
{
    private static readonly (string[] Signs, string Nl, string En)[] Rules =
    [
        (["can't be deleted", "cannot be deleted"], "te oud om te verwijderen (het platform staat dat na 48 uur niet toe)", "too old to delete (the platform does not allow it after 48 hours)"),
        (["message to edit not found", "message to delete not found", "message to pin not found", "unknown message", "message_id_invalid"], "het bericht bestaat niet meer (iemand heeft het verwijderd)", "the message is gone (someone deleted it)"),
        (["nothing to change: unknown"], "onbekend of het bericht ooit aankwam, dus niets te wijzigen", "unknown whether the message ever arrived, so nothing to change"),
        (["nothing to change"], "het bericht kwam daar nooit aan, dus niets te wijzigen", "the message never arrived there, so nothing to change"),
        (["messages where the post has"], "de nieuwe tekst past niet in het bericht (te lang)", "the new text does not fit the message (too long)"),
        (["upgraded to a supergroup"], "de groep werd een supergroep; abonneer die opnieuw", "the group became a supergroup; subscribe it again"),
        (["kicked", "blocked", "chat not found", "unknown channel", "unknown guild", "deactivated", "not a member", "chat gone", "cannot send messages to this user"], "het kanaal bestaat niet meer of de bot is eruit gezet", "the channel is gone or the bot was removed"),
        (["missing permissions", "missing access", "rights", "not enough rights"], "de bot mag daar niet schrijven (rechten)", "the bot may not write there (permissions)"),
        (["429", "too many requests", "rate limited"], "te veel berichten tegelijk; het platform vroeg te wachten", "too many messages at once; the platform asked to wait"),
        (["stopped during the send", "no answer", "timed out", "timeout"], "onbekend of het aankwam: er kwam geen antwoord", "unknown whether it arrived: no answer came"),
        (["internal server error", "bad gateway", "service unavailable", "gateway timeout", " 500", " 502", " 503", " 504", "connection"], "storing bij het platform of onderweg", "trouble at the platform or on the way"),
        (["refused the bot", "unauthorized", " 401"], "het platform weigert de bot (token)", "the platform refuses the bot (token)"),
    ];

    /// <summary>
    /// Why a row of <paramref name="status"/> did not go, from the platform's <paramref name="reason"/>; the
    /// chat's subscription is <paramref name="paused"/> when the platform said it is gone.
    /// </summary>
    public static string Describe(string status, string? reason, bool paused, UiLanguage language)
    {
        var text = reason ?? string.Empty;
        var words = status == OutboxStatus.Uncertain && !text.StartsWith("nothing", StringComparison.Ordinal)
            ? ModerationTexts.Pick(language, "onbekend of het aankwam: het proces stopte tijdens het versturen", "unknown whether it arrived: the process stopped during the send")
            : Rules.FirstOrDefault(r => r.Signs.Any(sign => text.Contains(sign, StringComparison.OrdinalIgnoreCase))) is { Signs: not null } rule
                ? ModerationTexts.Pick(language, rule.Nl, rule.En)
                : ModerationTexts.Pick(language, "het platform weigerde het bericht", "the platform refused the message");
        return paused ? ModerationTexts.Pick(language, "gepauzeerd: ", "paused: ") + words : words;
    }
}
