using Bot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Bot.Tests.Content;

/// <summary>
/// Newcomers' questions (<c>relevance.tsv</c>: language, question, the page that answers it) and
/// whether /zoek puts that page among its first three hits. The floor is today's figure, so a
/// change to ranking cannot quietly make search worse.
/// </summary>
public sealed class RelevanceTests(ITestOutputHelper output)
{
    private const int AllowedMisses = 3;

    private static readonly string File = Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Content", "relevance.tsv");

    [Fact]
    public void The_expected_page_is_among_the_first_three_hits()
    {
        var questions = System.IO.File.ReadAllLines(File)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (Language: f[0], Question: f[1], Expected: f[2].Split('|')))
            .ToList();
        var atOne = 0;
        var inTopThree = 0;
        var misses = new List<string>();
        foreach (var (language, question, expected) in questions)
        {
            var hits = TestContent.Index.Search(question, language, 3);
            var at = hits.ToList().FindIndex(h => expected.Contains(h.Section.Page.Slug));
            atOne += at == 0 ? 1 : 0;
            inTopThree += at >= 0 ? 1 : 0;
            if (at < 0)
            {
                misses.Add($"{language} \"{question}\" → {string.Join(", ", hits.Select(h => h.Section.Page.Slug))} (expected {string.Join('|', expected)})");
            }
        }

        output.WriteLine($"{questions.Count} questions, {inTopThree} with the page in the first 3 hits, {atOne} at 1");
        misses.ForEach(output.WriteLine);
        Assert.True(questions.Count >= 30, "at least 30 questions");
        Assert.Contains(questions, q => q.Language == "nl");
        Assert.Contains(questions, q => q.Language == "en");
        Assert.True(misses.Count <= AllowedMisses, string.Join('\n', misses));
    }
}
