using System.Text;

namespace Bot.Core.Replies.Rendering;

/// <summary>
/// Packs rendered blocks into messages under a platform's length limit: whole blocks joined by blank lines while they
/// fit; a block too long for one message is cut at a line break if it can, else at a space, else wherever its
/// <see cref="TextDialect"/> allows. No cut falls inside a unit the dialect steps over whole (an escape, a tag, an
/// entity, a surrogate pair) or inside an unbreakable construct (a link); constructs open at a cut are closed at the
/// end of one message and reopened at the start of the next. The same text always gives the same messages, so a
/// retry can resume at the part that failed.
/// </summary>
public static class MessagePacker
{
    /// <summary>Between two blocks in one message.</summary>
    private const string BlockSeparator = "\n\n";

    /// <summary>Packs <paramref name="blocks"/> greedily, in order, into texts of at most <paramref name="limit"/> characters; blank blocks are left out.</summary>
    public static List<string> Pack(IEnumerable<string> blocks, int limit, TextDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var texts = new List<string>();
        var current = new StringBuilder();
        foreach (var block in blocks.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            foreach (var part in block.Length > limit ? Split(block, limit, dialect) : [block])
            {
                if (current.Length > 0 && current.Length + BlockSeparator.Length + part.Length > limit)
                {
                    texts.Add(current.ToString());
                    current.Clear();
                }

                if (current.Length > 0)
                {
                    current.Append(BlockSeparator);
                }

                current.Append(part);
            }
        }

        if (current.Length > 0)
        {
            texts.Add(current.ToString());
        }

        return texts;
    }

    /// <summary>Cuts one text into pieces of at most <paramref name="limit"/> characters.</summary>
    /// <exception cref="InvalidOperationException">A single unbreakable unit or construct is longer than the limit.</exception>
    public static IReadOnlyList<string> Split(string text, int limit, TextDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dialect);
        var pieces = new List<string>();
        var open = new List<OpenMarkup>();
        var prefix = string.Empty;
        var start = 0;
        var i = 0;
        Candidate? line = null, space = null, any = null;
        while (i < text.Length)
        {
            var before = open.Count;
            i = dialect.Advance(text, i, open);
            var length = prefix.Length + (i - start) + open.Sum(m => m.Close.Length);
            if (length <= limit)
            {
                // A cut right after an opening would leave it empty; none may fall inside an unbreakable construct.
                if (open.Count <= before && !open.Exists(m => m.Unbreakable))
                {
                    var candidate = new Candidate(i, [.. open]);
                    any = candidate;
                    if (text[i - 1] == '\n')
                    {
                        line = candidate;
                    }
                    else if (text[i - 1] == ' ')
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
                throw new InvalidOperationException($"A single tag, link or other unbreakable piece is longer than a message ({limit} characters).");
            }

            pieces.Add(prefix + text[start..cut.Position].TrimEnd() + Closers(cut.Open));
            prefix = string.Concat(cut.Open.Select(m => m.Open));
            open = [.. cut.Open];
            start = cut.Position;
            while (start < text.Length && (text[start] == '\n' || text[start] == ' ') && open.Count == 0)
            {
                start++;
            }

            i = start;
            line = space = any = null;
        }

        var rest = prefix + text[start..];
        if (rest.Trim().Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    private static string Closers(IReadOnlyList<OpenMarkup> open)
    {
        var builder = new StringBuilder();
        for (var k = open.Count - 1; k >= 0; k--)
        {
            builder.Append(open[k].Close);
        }

        return builder.ToString();
    }

    private sealed record Candidate(int Position, IReadOnlyList<OpenMarkup> Open);
}
