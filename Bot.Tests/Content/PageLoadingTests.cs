using Bot.Core.Content;
using Markdig.Syntax;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Content;

public sealed class PageLoadingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-content-" + Guid.NewGuid().ToString("N"));

    public PageLoadingTests() => Directory.CreateDirectory(Path.Combine(_folder, "nl"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_malformed_page_is_reported_with_path_and_line_and_the_rest_still_loads()
    {
        Write("nl/good.md", "---\ntitle: Goed\n---\n\n## Kop\n\nTekst.\n");
        Write("nl/bad-yaml.md", "---\ntitle: Slecht\ndescription: a: b\n---\n\nTekst.\n");
        Write("nl/no-title.md", "---\ndescription: geen titel\n---\n\nTekst.\n");
        File.CreateSymbolicLink(Path.Combine(_folder, "nl", "unreadable.md"), Path.Combine(_folder, "missing-target.md"));

        var index = ContentLoader.Load(_folder, new ContentOptions());

        Assert.Equal(["nl/good.md"], index.Pages.Select(p => p.Path));
        var problems = index.Problems.ToDictionary(p => p.Path);
        Assert.Equal(3, problems["nl/bad-yaml.md"].Line);
        Assert.Contains("YAML", problems["nl/bad-yaml.md"].Message, StringComparison.Ordinal);
        Assert.Equal(1, problems["nl/no-title.md"].Line);
        Assert.Contains("title", problems["nl/no-title.md"].Message, StringComparison.Ordinal);
        Assert.Contains("Cannot read", problems["nl/unreadable.md"].Message, StringComparison.Ordinal);
        Assert.All(index.Problems, p => Assert.True(p.Skipped));
    }

    [Fact]
    public void A_missing_content_folder_is_a_problem_not_a_crash()
    {
        var index = ContentLoader.Load(Path.Combine(_folder, "nope"), new ContentOptions());

        Assert.Empty(index.Pages);
        Assert.Single(index.Problems);
    }

    [Fact]
    public void Sections_exist_at_every_level_with_github_ids_and_nested_bodies()
    {
        var index = TestContent.FromPages(("en/page.md", "---\ntitle: Page\n---\nLead.\n\n## Past Summits\n\n### ~~2024~~ 2025 France AI ~~Safety~~ Action Summit\n\nText.\n\n## Coming\n\nMore.\n"));
        var sections = index.Pages[0].Sections;

        Assert.Equal(["", "past-summits", "2024-2025-france-ai-safety-action-summit", "coming"], sections.Select(s => s.Anchor));
        Assert.Equal("2025 France AI Action Summit", sections[2].Title);
        Assert.Equal("2024 Safety", sections[2].StruckText);
        Assert.Equal(2, sections[1].Blocks.Count); // the ### heading and its paragraph belong to Past Summits
        Assert.Equal(0, sections[1].OwnBlockCount);
        Assert.Equal(new Uri("https://pauseai.info/page#past-summits"), sections[1].Url);
    }

    [Fact]
    public void Relative_links_become_absolute_and_translated_pages_link_to_the_site_url_until_localized()
    {
        const string Page = "---\ntitle: T\n---\nSee [risks](/risks), [events](/communities#events), [x](<https://en.wikipedia.org/wiki/Foo_(psychology)>) and [y](/faq#no-localize).\n";

        var fallback = TestContent.FromPages(("nl/t.md", Page));
        var localized = ContentLoader.FromTexts([("nl/t.md", Page)], new ContentOptions { LocalizedUrls = true });

        var urls = fallback.Pages[0].Document.Descendants<Markdig.Syntax.Inlines.LinkInline>().Select(l => l.Url).ToList();
        Assert.Equal(["https://pauseai.info/risks", "https://pauseai.info/communities#events", "https://en.wikipedia.org/wiki/Foo_(psychology)", "https://pauseai.info/faq"], urls);
        Assert.Equal(new Uri("https://pauseai.info/t"), fallback.Pages[0].Url);
        Assert.Equal(new Uri("https://pauseai.info/nl/t"), localized.Pages[0].Url);
    }

    [Fact]
    public void Scripts_styles_comments_and_svelte_blocks_are_dropped_but_line_numbers_stay()
    {
        var index = TestContent.FromPages(("en/s.md", "---\ntitle: S\n---\n<script>\n  import X from 'x';\n</script>\n<style>\n p { color: red }\n</style>\n<!-- hidden\n text -->\n{#if show}\nShown.\n{/if}\n\n## Heading\n"));
        var page = index.Pages[0];

        Assert.Equal("Shown.", page.Sections[0].Text);
        Assert.Equal(16, page.Sections[1].Line);
    }

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(_folder, relative), text);
}
