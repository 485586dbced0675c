using System.Text.RegularExpressions;

namespace Bot.Tests.Telegram;

/// <summary>
/// A small checker for Telegram's HTML parse mode as this bot uses it: only <c>b i s a code pre</c>,
/// <c>a</c> only with an absolute http(s) <c>href</c>, tags balanced and properly nested, no
/// nested links, only the entities Telegram knows, no bare <c>&lt; &gt; &amp;</c>.
/// </summary>
internal static partial class TelegramHtmlChecker
{
    private static readonly HashSet<string> Allowed = ["b", "i", "s", "a", "code", "pre"];

    public static IReadOnlyList<string> Problems(string html)
    {
        var problems = new List<string>();
        var stack = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    problems.Add($"unclosed '<' at {i}");
                    break;
                }

                var tag = html[i..(end + 1)];
                var m = TagPattern().Match(tag);
                if (!m.Success)
                {
                    problems.Add($"malformed tag {tag}");
                }
                else
                {
                    var name = m.Groups["name"].Value;
                    if (!Allowed.Contains(name))
                    {
                        problems.Add($"tag <{name}> is not allowed");
                    }

                    if (m.Groups["close"].Success)
                    {
                        if (stack.Count == 0 || stack.Pop() != name)
                        {
                            problems.Add($"unbalanced {tag} at {i}");
                        }
                    }
                    else
                    {
                        var attributes = m.Groups["attrs"].Value.Trim();
                        if (name == "a")
                        {
                            var href = HrefPattern().Match(attributes);
                            if (!href.Success || !Uri.TryCreate(System.Net.WebUtility.HtmlDecode(href.Groups[1].Value), UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http" && uri.Scheme != "mailto"))
                            {
                                problems.Add($"link without absolute href: {tag}");
                            }

                            if (stack.Contains("a"))
                            {
                                problems.Add("nested link");
                            }
                        }
                        else if (attributes.Length > 0)
                        {
                            problems.Add($"unexpected attributes in {tag}");
                        }

                        if (name != "a" && stack.Contains(name))
                        {
                            problems.Add($"<{name}> nested in itself");
                        }

                        if (stack.Contains("pre") || stack.Contains("code"))
                        {
                            problems.Add($"{tag} inside code");
                        }

                        stack.Push(name);
                    }
                }

                i = end + 1;
            }
            else if (c == '&')
            {
                var entity = EntityPattern().Match(html, i);
                if (!entity.Success || entity.Index != i)
                {
                    problems.Add($"bare '&' at {i}");
                }

                i++;
            }
            else if (c == '>')
            {
                problems.Add($"bare '>' at {i}");
                i++;
            }
            else
            {
                i++;
            }
        }

        if (stack.Count > 0)
        {
            problems.Add($"unclosed tags: {string.Join(", ", stack)}");
        }

        return problems;
    }

    [GeneratedRegex("^<(?<close>/)?(?<name>[a-z-]+)(?<attrs>(?:\\s[^>]*)?)>$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^href=\"([^\"]*)\"$")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")]
    private static partial Regex EntityPattern();
}
