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
        Assert.Equal("voorgestelde-educatieve-agenda", hits[0].Section.Anchor);
        Assert.All(hits, h => Assert.True(h.Snippet.Length <= 221));
    }

    [Fact]
    public void A_query_only_the_other_language_knows_falls_back_to_it()
    {
        var hits = TestContent.Index.Search("New Delhi", "nl");

        Assert.NotEmpty(hits);
        Assert.Equal("en", hits[0].Section.Page.Language);
    }
}
