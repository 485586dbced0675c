using BenchmarkDotNet.Attributes;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Replies.Rendering;
using Bot.Discord.Rendering;
using Bot.Telegram.Rendering;
using Markdig.Syntax;

namespace Bot.Benchmarks;

/// <summary>The one renderer in each dialect, and the packer, over a whole page. Run: dotnet run -c Release --project Bot.Benchmarks -- --filter '*Rendering*'</summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private List<Block> _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var index = ContentLoader.Load(Path.Combine(CoreBenchmarks.FindUp("Bot.sln"), "content"), new ContentOptions());
        _page = index.Pages.MaxBy(p => p.Sections.Sum(s => s.Blocks.Count))!.Sections.SelectMany(s => s.Blocks).ToList();
    }

    [Benchmark]
    public int PlainText() => MessageTextRenderer.Render(_page, PlainTextDialect.Instance).Length;

    [Benchmark]
    public int TelegramMessages() => TelegramReplyMapper.Map(new Reply { Body = _page }, UiLanguage.Nl).Count;

    [Benchmark]
    public int DiscordMarkdownText() => MessageTextRenderer.Render(_page, DiscordMarkdownDialect.Instance).Length;

    /// <summary>The page as one text cut into small messages: the packer's worst case.</summary>
    [Benchmark]
    public int TelegramSplitSmall() => MessagePacker.Split(MessageTextRenderer.Render(_page, TelegramHtmlDialect.Instance), 500, TelegramHtmlDialect.Instance).Count;
}
