namespace Bot.Core.Moderation;

/// <summary>What became of a confirm or cancel.</summary>
internal enum AnnouncementDecision
{
    /// <summary>Done now.</summary>
    Done,

    /// <summary>No announcement with that id.</summary>
    NotFound,

    /// <summary>Someone else wrote it.</summary>
    NotYours,

    /// <summary>Already confirmed: nothing happens again.</summary>
    AlreadyConfirmed,

    /// <summary>Already cancelled.</summary>
    AlreadyCancelled,

    /// <summary>A scheduled announcement whose moment passed (it went out).</summary>
    AlreadySent,

    /// <summary>The announcement was retracted: it can no longer change.</summary>
    Retracted,

    /// <summary>The announcement is still a preview (not confirmed): nothing went out to change.</summary>
    NotConfirmed,
}
