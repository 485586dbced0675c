using Bot.Core.Replies.Rendering;

namespace Bot.Core.Replies.PlainText;

/// <summary>Turns a whole <see cref="Reply"/> into terminal text.</summary>
public static class PlainTextReplyFormatter
{
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
            foreach (var choice in reply.Choices)
            {
                var line = choice.Arguments.Length > 0 ? $"/{choice.Command} {choice.Arguments}" : "/" + choice.Command;
                writer.WriteLine(line == choice.Label ? "  " + line : $"  {line}   ({choice.Label})");
            }
        }

        return writer.ToString().TrimEnd() + "\n";
    }
}
