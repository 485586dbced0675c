using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Host;

/// <summary>
/// The terminal's log format: one line per entry (level, message, and the exception's own message),
/// never a stack trace. Used for the terminal chat and the one-shot commands.
/// </summary>
internal sealed class OneLineConsoleFormatter : ConsoleFormatter
{
    public const string FormatName = "oneline";

    public OneLineConsoleFormatter()
        : base(FormatName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        var reason = logEntry.Exception is { } ex ? $" ({ex.GetType().Name}: {ex.Message})" : string.Empty;
        textWriter.WriteLine($"{level}: {message}{reason}".ReplaceLineEndings(" "));
    }
}
