namespace Bot.Core.Moderation;

/// <summary>A moderator's announcement as stored.</summary>
/// <param name="Id">Its number, shown to moderators.</param>
/// <param name="CreatedBy">Who wrote it: <c>{platform}:{user id}</c>; only they can confirm or cancel the preview.</param>
/// <param name="CreatedByName">Their display name, for lists.</param>
/// <param name="Origin">The chat it was written in.</param>
/// <param name="Markdown">The text as the moderator wrote it.</param>
/// <param name="MassMention">The mass mention asked for with an option.</param>
/// <param name="DueAt">When it goes out; null for at once.</param>
/// <param name="Status"><c>pending</c> (preview shown), <c>confirmed</c>, <c>cancelled</c> (before it went out) or <c>retracted</c> (deleted everywhere after).</param>
/// <param name="Channels">How many channels it was queued for at confirmation.</param>
/// <param name="ImageId">The stored image it carries (<c>bot_images</c>), if any.</param>
internal sealed record Announcement(
    long Id,
    string CreatedBy,
    string CreatedByName,
    string Origin,
    string Markdown,
    MassMention MassMention,
    DateTimeOffset? DueAt,
    string Status,
    int Channels,
    long? ImageId = null);
