using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Content;

public sealed class SearchTests
{
    [Theory]
    [InlineData("verdragen", "verdrag")]
    [InlineData("verdrag", "verdrag")]
    [InlineData("ozonlaag", "ozonlaag")]
    public void Dutch_search_stems(string query, string expectedInSnippet)
    {
        var hits = TestContent.Index.Search(query, "nl");

        Assert.NotEmpty(hits);
        Assert.Contains(expectedInSnippet, hits[0].Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nl", hits[0].Section.Page.Language);
    }

    [Fact]
    public void Stop_words_alone_find_nothing()
    {
        Assert.Empty(TestContent.Index.Search("de het een", "nl"));
    }

    [Fact]
    public void The_best_three_come_back_with_snippets_and_links()
    {
        var hits = TestContent.Index.Search("instrumentele convergentie", "nl");

        Assert.InRange(hits.Count, 1, 3);
        Assert.Equal("https://pauseai.info/xrisk#why-most-goals-are-bad-news-for-humans", hits[0].Section.Url.AbsoluteUri);
        Assert.Contains(hits, h => h.Section.Title == "Voorgestelde educatieve agenda" && h.Section.Url.AbsoluteUri == "https://pauseai.info/summit");
        Assert.Contains(hits[0].Parts, p => p.Text == "instrumentele convergentie" && p.Link is not null);
        Assert.All(hits, h => Assert.True(h.Snippet.Length <= 321, h.Snippet));
    }

    [Theory]
    [InlineData("en", "FAQ", "en/faq.md")]
    [InlineData("nl", "veelgestelde vragen", "nl/faq.md")]
    [InlineData("en", "theory of change", "en/theory-of-change.md")]
    [InlineData("en", "press coverage", "en/press.md")]
    public void A_page_whose_title_says_it_comes_first(string language, string query, string page)
    {
        var hits = TestContent.Index.Search(query, language);

        Assert.Equal(page, hits[0].Section.Page.Path);
        Assert.Null(hits[0].Section.Heading);
    }

    [Fact]
    public void A_section_and_its_translation_are_one_hit_in_the_users_language()
    {
        var dutch = TestContent.Index.Search("faq", "nl", 10);
        var english = TestContent.Index.Search("faq", "en", 10);

        Assert.Equal(dutch.Count, dutch.Select(h => h.Section.Url.AbsoluteUri).Distinct().Count());
        Assert.Equal("nl/faq.md", dutch[0].Section.Page.Path);
        Assert.Equal("en/faq.md", english[0].Section.Page.Path);
        Assert.Equal(english[0].Section.Url, dutch[0].Section.Url);
    }

    [Fact]
    public void Snippets_are_whole_sentences_with_their_links()
    {
        var hits = TestContent.Index.Search("numerous risks humanity", "en", 10);
        var summit = hits.Single(h => h.Section.Page.Path == "en/summit.md" && h.Section.Heading is null);

        Assert.StartsWith("AI presents numerous risks to humanity, including the risk of extinction.", summit.Snippet, StringComparison.Ordinal);
        Assert.Contains(summit.Parts, p => p.Text == "risks" && p.Link?.AbsoluteUri == "https://pauseai.info/risks");
        Assert.Contains(summit.Parts, p => p.Text == "risk of extinction" && p.Link?.AbsoluteUri == "https://pauseai.info/xrisk");
    }

    [Fact]
    public void An_abbreviation_does_not_end_the_sentence()
    {
        var hit = TestContent.Index.Search("p(doom)", "en")[0];

        Assert.Contains("(e.g. human extinction) as a result of AI.", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void No_svelte_or_html_leaks_into_the_sentences_of_any_page()
    {
        var leaks = TestContent.Index.Pages
            .SelectMany(p => p.Sections)
            .SelectMany(s => Bot.Core.Content.Sentences.Of(s.Blocks.Take(s.OwnBlockCount)).Select(t => $"{s.Page.Path}#{s.Anchor}: {t.Text}"))
            .Where(t => t.Contains("={", StringComparison.Ordinal) || t.Contains("</", StringComparison.Ordinal) || t.Contains("import ", StringComparison.Ordinal) || t.Contains("<Tabs", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void The_agenda_is_the_summit_pages_not_a_meeting_agenda()
    {
        Assert.All(TestContent.Index.Entities.Where(e => e.Kind != Bot.Core.Content.EntityKind.Summit), e => Assert.Equal("summit", e.Section.Page.Slug));
        Assert.Equal("summit", Assert.Single(TestContent.Index.All(Bot.Core.Content.EntityKind.Agenda, "en")).Entity.Section.Page.Slug);
    }

    [Fact]
    public void A_query_only_the_other_language_knows_falls_back_to_it()
    {
        Assert.Equal("en/donate.md", TestContent.Index.Search("donate", "nl")[0].Section.Page.Path);

        var hits = TestContent.Index.Search("New Delhi", "nl");

        Assert.NotEmpty(hits);
        Assert.Equal("en", hits[0].Section.Page.Language);
    }
}
