using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Moderation;

/// <summary>
/// The moderator's progress message of a large broadcast edited to say how far it came, queued in the outbox. The
/// message is no outbox post (the platform's answer to the confirm), so the row names it itself.
/// </summary>
/// <param name="Messages">The platform's reference to the message (<see cref="Commands.ButtonPress.MessageRef"/>).</param>
/// <param name="Text">What it says now.</param>
internal sealed record BroadcastProgressEdit(IReadOnlyList<string> Messages, string Text) : IOutboxChange<BroadcastProgressEdit>
{
    public static string Kind => "announcement-progress";

    public static bool LowPriority => true;

    public string TargetKey => string.Empty;

    public Reply? ToReply() => Reply.FromBlocks(ReplyText.Paragraph(Text));

    /// <summary>The outbox key of announcement <paramref name="id"/>'s progress edits: one row, queued again as it goes.</summary>
    public static string KeyOf(long id) => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{id}");
}

/// <summary>The words of a broadcast's progress: "Aankondiging #12: 1.200 van 2.000 verstuurd".</summary>
internal static class BroadcastProgressText
{
    /// <summary>While it runs; once <see cref="DeliveryProgress.IsDone"/>, the final count with failures and the way to the report.</summary>
    public static string For(long id, DeliveryProgress progress, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var culture = UiCultures.For(language);
        string N(int n) => n.ToString("N0", culture);
        var text = ModerationTexts.Pick(language,
            $"Aankondiging #{id}: {N(progress.Sent)} van {N(progress.Total)} verstuurd",
            $"Announcement #{id}: {N(progress.Sent)} of {N(progress.Total)} sent");
        if (!progress.IsDone)
        {
            return text + " …";
        }

        if (progress.Failed + progress.Expired > 0)
        {
            text += ModerationTexts.Pick(language, $", {N(progress.Failed + progress.Expired)} mislukt", $", {N(progress.Failed + progress.Expired)} failed");
        }

        if (progress.Uncertain > 0)
        {
            text += ModerationTexts.Pick(language, $", {N(progress.Uncertain)} onbekend", $", {N(progress.Uncertain)} unknown");
        }

        return text + string.Create(CultureInfo.InvariantCulture, $" — /status {id}");
    }
}
