namespace Bot.Core.Moderation;

/// <summary>A moderator's edit or retraction of an announcement, as stored (<c>bot_announcement_changes</c>).</summary>
/// <param name="Id">Its number; the outbox keys of its rows are <c>announcement-edit:{id}:…</c> or <c>announcement-retract:{id}:…</c>.</param>
/// <param name="AnnouncementId">The announcement it changes.</param>
/// <param name="Kind"><see cref="AnnouncementChange.Edit"/> or <see cref="AnnouncementChange.Retract"/>.</param>
/// <param name="Markdown">The new text of an edit; null for a retraction.</param>
/// <param name="CreatedBy">Who asked: <c>{platform}:{user id}</c>; only they can confirm it.</param>
/// <param name="Status"><c>pending</c> (preview shown), <c>confirmed</c> or <c>cancelled</c>.</param>
/// <param name="Channels">Channel posts it was queued to change at confirmation.</param>
internal sealed record AnnouncementChange(long Id, long AnnouncementId, string Kind, string? Markdown, string CreatedBy, string Status, int Channels)
{
    /// <summary>The kind of an edit.</summary>
    public const string Edit = "edit";

    /// <summary>The kind of a retraction.</summary>
    public const string Retract = "retract";

    /// <summary>The outbox key prefix of this change's rows.</summary>
    public string KeyPrefix => KeyPrefixOf(Kind, Id);

    /// <summary>The outbox key prefix of the rows of change <paramref name="id"/> of kind <paramref name="kind"/>.</summary>
    public static string KeyPrefixOf(string kind, long id) =>
        (kind == Edit ? AnnouncementEdit.Kind : AnnouncementRetraction.Kind) + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
}
