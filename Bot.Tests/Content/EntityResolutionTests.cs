using Bot.Core.Content;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Content;

public sealed class EntityResolutionTests
{
    [Theory]
    [InlineData("seoul", "nl", "summit-2024-korea")]
    [InlineData("Seoel", "nl", "summit-2024-korea")]
    [InlineData("zuid korea", "nl", "summit-2024-korea")]
    [InlineData("South Korea", "en", "summit-2024-korea")]
    [InlineData("bletchley", "nl", "summit-2023-uk")]
    [InlineData("Bletchley Park", "en", "summit-2023-uk")]
    [InlineData("vk", "nl", "summit-2023-uk")]
    [InlineData("UK", "en", "summit-2023-uk")]
    [InlineData("parijs", "en", "summit-2025-france")]
    [InlineData("Paris", "nl", "summit-2025-france")]
    [InlineData("frankrijk", "nl", "summit-2025-france")]
    [InlineData("Frankrijk!", "nl", "summit-2025-france")]
    [InlineData("2023", "nl", "summit-2023-uk")]
    [InlineData("2025", "nl", "summit-2025-france")]
    [InlineData("2026", "nl", "summit-2026-india")]
    [InlineData("new delhi", "nl", "summit-2026-india")]
    [InlineData("san francisco", "nl", "summit-2024-us")]
    [InlineData("bletchly", "nl", "summit-2023-uk")]
    [InlineData("summit-2024-korea", "en", "summit-2024-korea")]
    public void Summits_resolve_by_names_in_either_language(string query, string language, string key)
    {
        var resolution = TestContent.Index.Resolve(EntityKind.Summit, query, language);

        Assert.NotNull(resolution.Best);
        Assert.Equal(key, resolution.Best.Entity.Key);
    }

    [Theory]
    [InlineData("montreal", "treaty-1987-montreal")]
    [InlineData("Montréal", "treaty-1987-montreal")]
    [InlineData("montreal protocol", "treaty-1987-montreal")]
    [InlineData("protocol van montreal", "treaty-1987-montreal")]
    [InlineData("stockholm", "treaty-2001-stockholm")]
    [InlineData("stokholm", "treaty-2001-stockholm")]
    [InlineData("1987", "treaty-1987-montreal")]
    public void Treaties_resolve(string query, string key)
    {
        var resolution = TestContent.Index.Resolve(EntityKind.Treaty, query, "nl");

        Assert.Equal(key, resolution.Best?.Entity.Key);
    }

    [Fact]
    public void The_users_language_is_preferred_and_the_other_is_a_fallback()
    {
        var dutch = TestContent.Index.Resolve(EntityKind.Summit, "seoul", "nl").Best!;
        var english = TestContent.Index.Resolve(EntityKind.Summit, "seoul", "en").Best!;
        var india = TestContent.Index.Resolve(EntityKind.Summit, "india", "nl").Best!;

        Assert.Equal("nl", dutch.Entity.Language);
        Assert.False(dutch.FromOtherLanguage);
        Assert.Equal("en", english.Entity.Language);
        Assert.Equal("en", india.Entity.Language);
        Assert.True(india.FromOtherLanguage);
    }

    [Fact]
    public void Struck_through_years_count_less_than_live_ones()
    {
        // France's heading is "~~2024~~ 2025 …": 2024 must point at the live 2024 summits, not at France.
        var resolution = TestContent.Index.Resolve(EntityKind.Summit, "2024", "nl");

        Assert.Null(resolution.Best);
        Assert.True(resolution.IsAmbiguous);
        Assert.Equal(["summit-2024-korea", "summit-2024-us"], resolution.Candidates.Select(c => c.Entity.Key).Order());
    }

    [Fact]
    public void Nonsense_matches_nothing_well()
    {
        var resolution = TestContent.Index.Resolve(EntityKind.Summit, "xyzzy", "nl");

        Assert.Null(resolution.Best);
        Assert.False(resolution.IsAmbiguous);
    }

    [Fact]
    public void A_translated_entity_links_to_the_section_on_the_site_while_urls_are_not_localized()
    {
        var dutch = TestContent.Index.Resolve(EntityKind.Summit, "seoul", "nl").Best!.Entity;

        Assert.Equal(new Uri("https://pauseai.info/summit#2024-south-korea-ai-safety-summit-may-21st-22nd"), dutch.Url);
    }

    [Fact]
    public void The_agenda_is_the_nested_list_of_its_section()
    {
        var agenda = Assert.Single(TestContent.Index.All(EntityKind.Agenda, "nl")).Entity;

        var list = Assert.IsType<Markdig.Syntax.ListBlock>(Assert.Single(agenda.Body));
        Assert.Equal(4, list.Count);
        Assert.All(list.Take(3), item => Assert.Contains(((Markdig.Syntax.ListItemBlock)item), b => b is Markdig.Syntax.ListBlock));
    }

    [Theory]
    [InlineData("seoul", "seoul", 1.0)]
    [InlineData("seol", "seoul", 0.7)]
    [InlineData("seo", "seoul", 0.85)]
    [InlineData("2024", "2023", 0.0)]
    [InlineData("abc", "abd", 0.0)]
    [InlineData("stokholm", "stockholm", 0.7)]
    public void Similarity_tolerates_small_typos_but_not_in_numbers(string word, string keyword, double expected) =>
        Assert.Equal(expected, EntityResolver.Similarity(word, keyword));
}
