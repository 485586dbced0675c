using System.Text.RegularExpressions;
using Bot.Core.Content;
using Bot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Bot.Tests.Content;

/// <summary>
/// Every link to the site that the bot prints must land: the page must be one the site publishes
/// and its anchor a heading id on the English page as published (the site serves only English
/// while <c>Content:LocalizedUrls</c> is off). The English ids are the loader's, from <c>content/en</c>.
/// </summary>
public sealed partial class LinkCheckTests(ITestOutputHelper output)
{
    private static readonly string[] Commands = ["/agenda", "/summit", "/verdrag", "/summit seoul", "/summit bletchley", "/summit parijs", "/summit 2025", "/summit india", "/verdrag montreal", "/verdrag stockholm"];

    private static readonly string[] Queries =
    [
        "verdrag", "verdragen", "top", "agenda", "educatieve agenda", "instrumentele convergentie", "ozonlaag", "risico's", "uitsterven",
        "protest", "lid worden", "vrijwilligers", "superintelligentie", "pauze", "Bletchley", "Seoul", "Parijs", "India", "Montreal",
        "treaty", "summit", "proposal", "donate", "faq", "join", "pdoom", "xrisk", "urgency", "timelines", "press", "theory of change",
        "local group", "alignment", "extinction", "flyers", "lobby", "stipend", "national chapter", "protest london", "events",
    ];

    [Fact]
    public async Task Every_printed_link_to_the_site_lands_on_a_page_and_a_heading()
    {
        var answers = new List<(string Source, string Text)>();
        foreach (var folder in new[] { "seed", "telegram" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Examples", folder), "*.txt"))
            {
                answers.Add((folder + "/" + Path.GetFileName(file), await File.ReadAllTextAsync(file)));
            }
        }

        foreach (var locale in new[] { "nl", "en" })
        {
            foreach (var command in Commands.Concat(Queries.Select(q => "/zoek " + q)).Concat(RelevanceQuestions(locale)))
            {
                answers.Add(($"{locale}: {command}", await TestContent.AskAsync(command, locale)));
            }
        }

        var english = TestContent.Index.Pages.Where(p => p.Language == "en").ToDictionary(p => p.Slug, p => p.Sections.Select(s => s.Anchor).ToHashSet(StringComparer.Ordinal));
        var checkedLinks = 0;
        var broken = new List<string>();
        var elsewhere = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (source, text) in answers)
        {
            foreach (Match match in SiteLink().Matches(text))
            {
                var slug = match.Groups["slug"].Value.TrimEnd('/');
                var anchor = match.Groups["anchor"].Success ? Uri.UnescapeDataString(match.Groups["anchor"].Value) : null;
                checkedLinks++;
                if (english.TryGetValue(slug, out var anchors))
                {
                    if (anchor is { Length: > 0 } && !anchors.Contains(anchor))
                    {
                        broken.Add($"{source}: {match.Value} — no heading #{anchor} on /{slug}");
                    }
                }
                else if (OtherSitePages.Contains(slug))
                {
                    // Such a page's headings are not in the content, so its anchor cannot be checked here.
                    elsewhere.Add(match.Value);
                }
                else
                {
                    broken.Add($"{source}: {match.Value} — no page /{slug}");
                }
            }
        }

        output.WriteLine($"{answers.Count} answers, {checkedLinks} links to the site checked, {broken.Distinct().Count()} broken; to pages outside content/en (page checked, anchor not): {string.Join(", ", elsewhere)}");
        broken.Distinct().ToList().ForEach(output.WriteLine);
        Assert.True(checkedLinks > 200, "the answers should hold many links");
        Assert.Empty(broken.Distinct());
    }

    [Fact]
    public void Dutch_sections_without_an_English_counterpart_link_to_the_page_alone()
    {
        var agenda = TestContent.Index.All(EntityKind.Agenda, "nl").Single();

        Assert.Equal("nl", agenda.Entity.Language);
        Assert.Equal("https://pauseai.info/summit", agenda.Entity.Url.AbsoluteUri);
        Assert.Equal("https://pauseai.info/summit", agenda.Entity.Section.Url.AbsoluteUri);
    }

    [Fact]
    public void A_stale_explicit_id_is_replaced_by_the_heading_at_the_same_place()
    {
        var faq = TestContent.Index.Pages.Single(p => p.Path == "nl/faq.md");
        var section = faq.Sections.Single(s => s.Anchor == "do-you-believe-gpt-4-is-going-to-kill-us");

        Assert.Equal("https://pauseai.info/faq#do-you-believe-chatgpt-is-going-to-kill-us", section.Url.AbsoluteUri);
    }

    private static IEnumerable<string> RelevanceQuestions(string locale) =>
        File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Content", "relevance.tsv"))
            .Where(l => l.StartsWith(locale + "\t", StringComparison.Ordinal))
            .Select(l => "/zoek " + l.Split('\t')[1]);

    /// <summary>
    /// Pages of the live site that <c>content/en</c> does not ship but the pages link to
    /// (PauseAI/pauseai-website: <c>src/posts/*.md</c> and <c>src/routes/*</c>).
    /// </summary>
    private static readonly HashSet<string> OtherSitePages = new(StringComparer.Ordinal)
    {
        "communities", "events", "funding", "legal", "counterarguments", "microgrants", "2024-february", "sota", "organizing-a-protest",
        "writing-a-letter", "tabling", "roadmap", "polls-and-surveys", "people", "email-builder",
    };

    [GeneratedRegex(@"https?://(?:www\.)?pauseai\.info/(?<slug>[^\s""'<>()\[\]#?\\]*)(?:\?[^\s""'<>()\[\]#\\]*)?(?:#(?<anchor>[^\s""'<>()\[\]\\]*))?")]
    private static partial Regex SiteLink();
}
