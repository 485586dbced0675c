using Bot.Core.Replies.Rendering;

namespace Bot.Core.Replies.PlainText;

/// <summary>
/// Turns a whole <see cref="Reply"/> into terminal text. A button is the line to type instead: its command, or for a
/// follow-up <see cref="PressPrefix"/> and its token (a follow-up without a token cannot be pressed and is left out).
/// </summary>
public static class PlainTextReplyFormatter
{
    /// <summary>What a typed line starts with to press a follow-up button: <c>!</c> and the token.</summary>
    public const string PressPrefix = "!";

    public static string Format(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var writer = new StringWriter { NewLine = "\n" };
        var renderer = new MessageTextRenderer(writer, PlainTextDialect.Instance);
        renderer.WriteBlocks(reply.Body);
        foreach (var card in reply.Cards)
        {
            if (writer.GetStringBuilder().Length > 0)
            {
                writer.WriteLine();
            }

            writer.WriteLine("## " + card.Title);
            if (card.Note is not null)
            {
                writer.WriteLine("(" + card.Note + ")");
            }

            writer.WriteLine();
            renderer.WriteBlocks(card.Body);
            if (card.Url is not null)
            {
                writer.WriteLine("→ " + card.Url.AbsoluteUri);
            }

            if (card.Footer is not null)
            {
                writer.WriteLine("   " + card.Footer);
            }
        }

        if (reply.Choices.Count > 0)
        {
            writer.WriteLine();
            foreach (var choice in reply.Choices.Where(c => !c.IsFollowUp || c.Token is not null))
            {
                var line = choice.IsFollowUp ? PressPrefix + choice.Token
                    : choice.Arguments.Length > 0 ? $"/{choice.Command} {choice.Arguments}" : "/" + choice.Command;
                writer.WriteLine(line == choice.Label ? "  " + line : $"  {line}   ({choice.Label})");
            }
        }

        return writer.ToString().TrimEnd() + "\n";
    }
}
