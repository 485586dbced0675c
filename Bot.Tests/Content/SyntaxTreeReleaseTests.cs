using System.Runtime.CompilerServices;
using Bot.Core.Content;
using Bot.Core.Replies.PlainText;
using Bot.Core.Replies.Rendering;
using Bot.Tests.Support;
using Markdig.Syntax;
using Xunit;

namespace Bot.Tests.Content;

/// <summary>Once indexed, pages hold their Markdown syntax trees weakly, and a tree the GC has taken is parsed again the same.</summary>
public sealed class SyntaxTreeReleaseTests
{
    private const string Page = """
        ---
        title: Learn
        ---
        Read [the proposal](/proposal) first.

        ## Risks {#risks}

        See [the incidents](/incidents) and **more**.

        ### Misuse

        Deepfakes.
        """;

    [Fact]
    public void The_index_keeps_no_syntax_tree_alive()
    {
        var index = TestContent.FromPages(("en/learn.md", Page));

        var tree = TreeOf(index.Pages[0]);
        FullCollection();

        Assert.False(tree.TryGetTarget(out _), "something in the index still holds the page's syntax tree");
        Assert.Equal(["", "risks", "misuse"], index.Pages[0].Sections.Select(s => s.Anchor));
    }

    [Fact]
    public void A_section_parsed_again_has_the_same_blocks_heading_and_absolute_links()
    {
        var index = TestContent.FromPages(("en/learn.md", Page));
        var risks = index.Pages[0].Sections[1];
        var before = Rendered(risks);

        FullCollection();

        Assert.Equal(before, Rendered(risks));
        Assert.Contains("https://pauseai.info/incidents", before, StringComparison.Ordinal);
        Assert.Equal("Risks", InlineText.Split(risks.Heading!.Inline).Live);
        Assert.Equal(3, risks.Blocks.Count);
        Assert.Equal(1, risks.OwnBlockCount);
        Assert.Equal(6, risks.Line);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<MarkdownDocument> TreeOf(ContentPage page) => new(page.Document);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Rendered(ContentSection section) => MessageTextRenderer.Render(section.Blocks, PlainTextDialect.Instance);

    private static void FullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
