using System.Text;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Host;

/// <summary>Delivers reminders and announcements into the terminal chat, as plain text.</summary>
internal sealed class ConsoleMessenger : IMessenger
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    public ConsoleMessenger(TextWriter writer) => _writer = writer;

    public PlatformId Platform => ConsolePlatform.Id;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = ToPlainText(reply);
        lock (_gate)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }

        return Task.FromResult(DeliveryResult.Sent);
    }

    /// <summary>Plain text of a reply's body (links as "text (url)").</summary>
    public static string ToPlainText(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var builder = new StringBuilder();
        foreach (var block in reply.Body)
        {
            AppendBlock(builder, block, string.Empty);
        }

        return builder.ToString().TrimEnd();
    }

    private static void AppendBlock(StringBuilder builder, Block block, string indent)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                builder.Append(indent);
                AppendInlines(builder, inline);
                builder.AppendLine();
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var first = true;
                    foreach (var child in item)
                    {
                        AppendBlock(builder, child, first ? indent + "- " : indent + "  ");
                        first = false;
                    }
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlock(builder, child, indent);
                }

                break;
        }
    }

    private static void AppendInlines(StringBuilder builder, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LinkInline link:
                    AppendInlines(builder, link);
                    if (!string.IsNullOrEmpty(link.Url))
                    {
                        builder.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case ContainerInline nested:
                    AppendInlines(builder, nested);
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
            }
        }
    }
}
