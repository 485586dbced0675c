namespace Bot.Core.Commands;

/// <summary>Splits a typed line such as <c>/summit@PauseBot seoul</c> into command and arguments.</summary>
public static class CommandLine
{
    /// <summary>The longest argument text the bot looks at; the rest is cut off.</summary>
    public const int MaxArgumentLength = 500;

    /// <summary>The longest free text a <see cref="CommandDescriptor.TakesText"/> command gets (an announcement).</summary>
    public const int MaxTextLength = 4000;

    /// <summary>
    /// Parses a line that starts with <c>/</c>. A <c>@name</c> suffix is accepted only when it names
    /// this bot (<paramref name="botUsername"/>, case-insensitive), so that in a group a command
    /// addressed to another bot is left alone.
    /// </summary>
    public static bool TryParse(string? text, string? botUsername, out string command, out string arguments)
    {
        command = string.Empty;
        arguments = string.Empty;
        var line = (text ?? string.Empty).TrimStart();
        if (line.Length < 2 || line[0] != '/')
        {
            return false;
        }

        var end = 1;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }

        var token = line[1..end];
        var at = token.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var target = token[(at + 1)..];
            if (botUsername is null || !target.Equals(botUsername, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            token = token[..at];
        }

        if (token.Length == 0)
        {
            return false;
        }

        command = token.ToLowerInvariant();
        // Line breaks survive parsing for free-text commands; the router cleans per command.
        arguments = CleanText(line[end..]);
        return true;
    }

    /// <summary>Trims, drops control characters and cuts overlong argument text.</summary>
    public static string Clean(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return string.Empty;
        }

        var span = arguments.AsSpan().Trim();
        span = InputSanitizer.Cut(span, MaxArgumentLength);

        var builder = new System.Text.StringBuilder(span.Length);
        foreach (var c in span)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>As <see cref="Clean"/>, but keeps line breaks (as <c>\n</c>) and allows <see cref="MaxTextLength"/> characters.</summary>
    public static string CleanText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var span = text.Replace("\r\n", "\n", StringComparison.Ordinal).AsSpan().Trim();
        span = InputSanitizer.Cut(span, MaxTextLength);

        var builder = new System.Text.StringBuilder(span.Length);
        foreach (var c in span)
        {
            builder.Append(c == '\n' ? c : char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
