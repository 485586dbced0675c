using Bot.Core.Content;
using Bot.Core.Replies.PlainText;
using Bot.Core.Replies.Rendering;
using Bot.Tests.Support;
using Markdig.Syntax;
using Xunit;

namespace Bot.Tests.Content;

public sealed class CorpusTests
{
    private static readonly Lazy<ContentIndex> Corpus = new(() => ContentLoader.Load(TestPaths.Corpus, new ContentOptions()));

    [Fact]
    public void Every_corpus_page_loads_without_a_problem()
    {
        var index = Corpus.Value;
        var expected = Directory.GetFiles(TestPaths.Corpus, "*.md", SearchOption.AllDirectories).Count(f => Path.GetFileName(f) != "README.md");

        Assert.Empty(index.Problems);
        Assert.Equal(expected, index.Pages.Count);
        Assert.All(index.Pages, p => Assert.False(string.IsNullOrWhiteSpace(p.Title)));
    }

    [Fact]
    public void No_svelte_script_style_or_comment_leaks_into_any_section()
    {
        var leaks = new List<string>();
        foreach (var section in Corpus.Value.Pages.SelectMany(p => p.Sections))
        {
            var text = MessageTextRenderer.Render(section.Blocks, PlainTextDialect.Instance);
            foreach (var marker in new[] { "<script", "</script", "<style", "<!--", "{#if", "{/if", "{:else", "import ", "export let", "<details", "<iframe", "<div" })
            {
                if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{section.Page.Path}#{section.Anchor}: {marker}");
                }
            }
        }

        Assert.Empty(leaks);
    }

    [Fact]
    public void Every_link_is_absolute_and_free_of_site_instructions()
    {
        var links = Corpus.Value.Pages.SelectMany(p => p.Document.Descendants<Markdig.Syntax.Inlines.LinkInline>()).Where(l => !string.IsNullOrEmpty(l.Url)).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, l =>
        {
            Assert.DoesNotContain("no-localize", l.Url, StringComparison.Ordinal);
            Assert.True(l.Url!.StartsWith("mailto:", StringComparison.Ordinal) || Uri.TryCreate(l.Url, UriKind.Absolute, out _), l.Url);
        });
    }

    [Fact]
    public void Paraglide_headings_keep_the_explicit_english_id_and_drop_it_from_the_text()
    {
        var page = Corpus.Value.Pages.Single(p => p.Path == "nl-paraglide/summit.md");
        var korea = page.Sections.Single(s => s.Title.Contains("Zuid-Korea", StringComparison.Ordinal));

        Assert.Equal("2024-south-korea-ai-safety-summit-may-21st-22nd-1", korea.Anchor);
        Assert.DoesNotContain("{#", korea.Title, StringComparison.Ordinal);
        Assert.Equal(3, korea.Level);
    }

    [Fact]
    public void Both_summit_page_shapes_yield_every_summit()
    {
        var english = Corpus.Value.Entities.Where(e => e.Kind == EntityKind.Summit && e.Section.Page.Path == "en/summit.md").Select(e => e.Year).ToList();
        var seed = Corpus.Value.Entities.Where(e => e.Kind == EntityKind.Summit && e.Section.Page.Path == "nl/summit.md").Select(e => e.Year).ToList();

        Assert.Equal([2023, 2024, 2024, 2025, 2026], english.Order());
        Assert.Equal([2023, 2024, 2025], seed.Order());
    }

    [Fact]
    public void Front_matter_dates_in_every_format_and_multi_line_values_load()
    {
        var dated = Corpus.Value.Pages.Where(p => p.Description is not null).ToList();

        Assert.True(dated.Count > 40);
        Assert.DoesNotContain(dated, p => p.Description!.Contains('\n', StringComparison.Ordinal) && p.Description.Trim().Length == 0);
    }
}
