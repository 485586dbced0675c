using System.Text;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Cuts one oversized piece of Telegram HTML into pieces under a limit: at a line break if it can,
/// else at a space, never inside a tag, an entity, a surrogate pair or a link; tags open at the
/// cut are closed at the end of one piece and reopened at the start of the next.
/// </summary>
internal static class TelegramHtmlSplitter
{
    public static IReadOnlyList<string> Split(string html, int limit)
    {
        ArgumentNullException.ThrowIfNull(html);
        var pieces = new List<string>();
        var stack = new List<(string Name, string Open)>();
        var prefix = string.Empty;
        var start = 0;
        var i = 0;
        Candidate? line = null, space = null, any = null;
        while (i < html.Length)
        {
            i = Step(html, i, stack);
            var closers = ClosersLength(stack);
            var length = prefix.Length + (i - start) + closers;
            if (length <= limit)
            {
                if (!stack.Exists(t => t.Name == "a"))
                {
                    var candidate = new Candidate(i, [.. stack]);
                    any = candidate;
                    if (html[i - 1] == '\n')
                    {
                        line = candidate;
                    }
                    else if (html[i - 1] == ' ')
                    {
                        space = candidate;
                    }
                }

                continue;
            }

            // Too long: cut at the best place seen so far, preferring a line break in the back half.
            var cut = line is { } l && l.Position - start > limit / 2 ? l
                : space is { } s && s.Position - start > limit / 4 ? s
                : line ?? space ?? any;
            if (cut is null || cut.Position <= start)
            {
                throw new InvalidOperationException("A single tag or link is longer than a Telegram message.");
            }

            pieces.Add(prefix + html[start..cut.Position].TrimEnd() + Closers(cut.Stack));
            prefix = string.Concat(cut.Stack.Select(t => t.Open));
            stack = [.. cut.Stack];
            start = i = cut.Position;
            while (start < html.Length && (html[start] == '\n' || html[start] == ' ') && stack.Count == 0)
            {
                start++;
            }

            i = start;
            line = space = any = null;
        }

        var rest = prefix + html[start..];
        if (rest.Trim().Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Moves past one character, tag, entity or surrogate pair, keeping the tag stack.</summary>
    private static int Step(string html, int i, List<(string Name, string Open)> stack)
    {
        var c = html[i];
        if (c == '<')
        {
            var end = html.IndexOf('>', i);
            if (end < 0)
            {
                return html.Length;
            }

            var tag = html[i..(end + 1)];
            var closing = tag.Length > 1 && tag[1] == '/';
            var nameStart = closing ? 2 : 1;
            var nameEnd = nameStart;
            while (nameEnd < tag.Length && char.IsLetter(tag[nameEnd]))
            {
                nameEnd++;
            }

            var name = tag[nameStart..nameEnd];
            if (closing)
            {
                var index = stack.FindLastIndex(t => t.Name == name);
                if (index >= 0)
                {
                    stack.RemoveAt(index);
                }
            }
            else
            {
                stack.Add((name, tag));
            }

            return end + 1;
        }

        if (c == '&')
        {
            var end = html.IndexOf(';', i);
            return end < 0 || end - i > 10 ? i + 1 : end + 1;
        }

        return char.IsHighSurrogate(c) && i + 1 < html.Length ? i + 2 : i + 1;
    }

    private static int ClosersLength(List<(string Name, string Open)> stack)
    {
        var length = 0;
        foreach (var (name, _) in stack)
        {
            length += name.Length + 3;
        }

        return length;
    }

    private static string Closers(IReadOnlyList<(string Name, string Open)> stack)
    {
        var builder = new StringBuilder();
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            builder.Append("</").Append(stack[k].Name).Append('>');
        }

        return builder.ToString();
    }

    private sealed record Candidate(int Position, IReadOnlyList<(string Name, string Open)> Stack);
}
