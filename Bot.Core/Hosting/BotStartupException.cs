namespace Bot.Core.Hosting;

/// <summary>
/// The bot cannot start because of a setting, the database or the content: each problem is one line
/// for the operator (which setting, what is wrong, what is expected). The command line prints the
/// lines and exits with 1; it never shows a stack trace.
/// </summary>
public sealed class BotStartupException : Exception
{
    /// <summary>A start-up failure with a general message.</summary>
    public BotStartupException()
        : this("The bot could not start.")
    {
    }

    /// <summary>One problem.</summary>
    public BotStartupException(string message)
        : this(message, null)
    {
    }

    /// <summary>One problem, with the exception behind it (for the log only).</summary>
    public BotStartupException(string message, Exception? innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Several problems, one line each.</summary>
    public BotStartupException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? [])) => Problems = problems ?? [];

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
