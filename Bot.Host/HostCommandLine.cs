namespace Bot.Host;

/// <summary>The program's own arguments; everything it does not know goes on to the host's configuration.</summary>
internal sealed record HostCommandLine(HostVerb Verb, string? Question, string? Locale, string? Path, string[] HostArgs, string? Error)
{
    public const string UsageText = """
        Usage:
          Bot.Host [--locale en]                run the bot (a terminal chat when no platform token is set)
          Bot.Host ask "/summit seoul" [--locale en]
                                                answer one question and exit
          Bot.Host content check [--path DIR]   list pages, sections, entities and problems
          Bot.Host events                       print the reminder schedule (local time, chats)
          Bot.Host events ics > pauseai.ics     write the events as an iCalendar file
          Bot.Host backup bot-backup.db         copy the SQLite database, also while the bot runs
        Settings can also be given as --Section:Key=value.
        """;

    public static HostCommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        string? locale = null;
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--locale" when i + 1 < args.Length:
                    locale = args[++i];
                    break;
                case "--path" when i + 1 < args.Length:
                    path = args[++i];
                    break;
                case "--locale" or "--path":
                    return Fail($"{args[i]} needs a value.");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        var words = rest.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var hostArgs = rest.Skip(words.Count).ToArray();
        return words switch
        {
            [] => new(HostVerb.Run, null, locale, path, hostArgs, null),
            ["ask", var question] => new(HostVerb.Ask, question, locale, path, hostArgs, null),
            ["ask", ..] => Fail("ask needs one question in quotes, such as: ask \"/summit seoul\""),
            ["content", "check"] => new(HostVerb.ContentCheck, null, locale, path, hostArgs, null),
            ["events"] => new(HostVerb.Events, null, locale, path, hostArgs, null),
            ["events", "ics"] => new(HostVerb.EventsIcs, null, locale, path, hostArgs, null),
            ["backup", var file] => new(HostVerb.Backup, null, locale, file, hostArgs, null),
            ["backup", ..] => Fail("backup needs one target file, such as: backup bot-backup.db"),
            _ => Fail($"Unknown command: {string.Join(' ', words)}"),
        };
    }

    private static HostCommandLine Fail(string error) => new(HostVerb.Run, null, null, null, [], error);
}
