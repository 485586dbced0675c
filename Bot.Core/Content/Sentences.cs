using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Content;

/// <summary>A sentence of a section: its pieces with their links, and its plain text.</summary>
internal sealed record Sentence(IReadOnlyList<SnippetPart> Parts, string Text, int Paragraph);

/// <summary>Splits a section's own blocks into sentences, keeping the links inside them.</summary>
internal static class Sentences
{
    // A full stop after these does not end the sentence ("e.g. the", "bijv. de").
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "no", "nr", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
        "bijv", "o.a", "d.w.z", "m.a.w", "ca", "dhr", "mevr", "evt", "resp", "z.g", "zgn", "a.k.a", "u.s", "u.k", "e.u",
    };

    public static List<Sentence> Of(IEnumerable<Block> blocks)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        foreach (var block in blocks)
        {
            AddBlock(block, sentences, ref paragraph);
        }

        return sentences;
    }

    /// <summary>A paragraph of plain text (the page's description) as sentences.</summary>
    public static List<Sentence> OfText(string text)
    {
        var sentences = new List<Sentence>();
        Split([(text, null)], sentences, 0);
        return sentences;
    }

    private static void AddBlock(Block block, List<Sentence> sentences, ref int paragraph)
    {
        switch (block)
        {
            case HtmlBlock or CodeBlock:
                return;
            case LeafBlock { Inline: { } inline }:
                var runs = new List<(string Text, Uri? Link)>();
                AddInlines(inline.FirstChild, null, runs);
                Split(runs, sentences, paragraph++);
                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddBlock(child, sentences, ref paragraph);
                }

                return;
        }
    }

    private static void AddInlines(Inline? inline, Uri? link, List<(string, Uri?)> runs)
    {
        for (var node = inline; node is not null; node = node.NextSibling)
        {
            switch (node)
            {
                case LiteralInline literal:
                    runs.Add((literal.Content.ToString(), link));
                    break;
                case CodeInline code:
                    runs.Add((code.Content, link));
                    break;
                case AutolinkInline autolink:
                    runs.Add((autolink.Url, link ?? WebLink(autolink.Url)));
                    break;
                case LineBreakInline:
                    runs.Add((" ", link));
                    break;
                case HtmlEntityInline entity:
                    runs.Add((entity.Transcoded.ToString(), link));
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case LinkInline anchor:
                    AddInlines(anchor.FirstChild, link ?? WebLink(anchor.Url), runs);
                    break;
                case ContainerInline container:
                    AddInlines(container.FirstChild, link, runs);
                    break;
            }
        }
    }

    private static Uri? WebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>Joins the runs into one text, splits it at sentence ends, and cuts the runs to match.</summary>
    private static void Split(List<(string Text, Uri? Link)> runs, List<Sentence> sentences, int paragraph)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        foreach (var (piece, _) in runs)
        {
            starts.Add(text.Length);
            text.Append(piece);
        }

        var all = text.ToString();
        var start = 0;
        foreach (var end in Ends(all).Append(all.Length))
        {
            var parts = Slice(runs, starts, start, end);
            var sentenceText = string.Concat(parts.Select(p => p.Text));
            if (sentenceText.Length > 0)
            {
                sentences.Add(new Sentence(parts, sentenceText, paragraph));
            }

            start = end;
        }
    }

    /// <summary>The pieces of text between two offsets, whitespace collapsed and trimmed.</summary>
    private static List<SnippetPart> Slice(List<(string Text, Uri? Link)> runs, List<int> starts, int from, int to)
    {
        var parts = new List<SnippetPart>();
        var lastWasSpace = true;
        for (var i = 0; i < runs.Count; i++)
        {
            var runStart = starts[i];
            var runEnd = runStart + runs[i].Text.Length;
            if (runEnd <= from || runStart >= to)
            {
                continue;
            }

            var piece = runs[i].Text[Math.Max(0, from - runStart)..(Math.Min(to, runEnd) - runStart)];
            var builder = new StringBuilder(piece.Length);
            foreach (var c in piece)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (!lastWasSpace)
                    {
                        builder.Append(' ');
                    }

                    lastWasSpace = true;
                }
                else
                {
                    builder.Append(c);
                    lastWasSpace = false;
                }
            }

            if (builder.Length == 0)
            {
                continue;
            }

            var link = runs[i].Link;
            if (parts.Count > 0 && parts[^1].Link == link)
            {
                parts[^1] = parts[^1] with { Text = parts[^1].Text + builder };
            }
            else
            {
                parts.Add(new SnippetPart(builder.ToString(), link));
            }
        }

        // Trailing space belongs to the gap before the next sentence.
        if (parts.Count > 0 && parts[^1].Text.EndsWith(' '))
        {
            var trimmed = parts[^1].Text.TrimEnd();
            if (trimmed.Length == 0)
            {
                parts.RemoveAt(parts.Count - 1);
                if (parts.Count > 0)
                {
                    parts[^1] = parts[^1] with { Text = parts[^1].Text.TrimEnd() };
                }
            }
            else
            {
                parts[^1] = parts[^1] with { Text = trimmed };
            }
        }

        return parts;
    }

    /// <summary>Offsets where a sentence ends: after . ! ? (and closing quotes) before a space and a capital, digit or quote.</summary>
    private static IEnumerable<int> Ends(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '\'' or ')' or '”' or '’' or '»' or '*' or '.')
            {
                end++;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next == end || next >= text.Length)
            {
                continue;
            }

            var c = text[next];
            if (!(char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«' or '-' or '–'))
            {
                continue;
            }

            if (text[i] == '.' && IsAbbreviation(text, i))
            {
                continue;
            }

            yield return next;
            i = next - 1;
        }
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        var word = text[start..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }
}
