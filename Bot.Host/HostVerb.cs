namespace Bot.Host;

/// <summary>What the program was asked to do.</summary>
internal enum HostVerb
{
    /// <summary>Run the bot: on the configured platforms, or as a terminal chat when none is.</summary>
    Run,

    /// <summary>Answer one question and exit.</summary>
    Ask,

    /// <summary>Load the content, list what was found and every problem.</summary>
    ContentCheck,

    /// <summary>Print the reminder schedule.</summary>
    Events,

    /// <summary>Write the event catalog as iCalendar.</summary>
    EventsIcs,

    /// <summary>Copy the SQLite database to a file.</summary>
    Backup,
}
