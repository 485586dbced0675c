using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Content;

/// <summary>
/// Blanks out what the website's Svelte pages carry besides Markdown — <c>&lt;script&gt;</c> and
/// <c>&lt;style&gt;</c> blocks, HTML comments, components given a JavaScript array and
/// <c>{#if}…{/if}</c> control lines — before parsing.
/// Every removed character becomes a space or stays a newline, so line numbers still match the file.
/// </summary>
internal static partial class SvelteStripper
{
    public static string Strip(string markdown)
    {
        var text = Blank(ScriptOrStyle(), markdown);
        text = Blank(HtmlComment(), text);
        text = Blank(ComponentWithArray(), text);
        return Blank(SvelteControlLine(), text);
    }

    private static string Blank(Regex pattern, string text) =>
        pattern.Replace(text, match =>
        {
            var builder = new StringBuilder(match.Length);
            foreach (var c in match.ValueSpan)
            {
                builder.Append(c is '\n' or '\r' ? c : ' ');
            }

            return builder.ToString();
        });

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    // <Tabs tabs={[{ title: '…', content: `<h3>…</h3>…` }]} />: JavaScript, with the HTML in template strings.
    [GeneratedRegex(@"<[A-Z][\w.]*\s[^>]*?=\{\[.*?\]\}\s*/>", RegexOptions.Singleline)]
    private static partial Regex ComponentWithArray();

    [GeneratedRegex(@"<!--.*?(-->|\z)", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^[ \t]*\{[#:/@][^\n]*\}[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SvelteControlLine();
}
