using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord;
using Bot.Discord.Api;
using Bot.Discord.Rendering;

namespace Bot.Benchmarks;

/// <summary>Discord answer cost: route /summit seoul, map to messages, serialise the callback body. Run: dotnet run -c Release --project Bot.Benchmarks -- --filter '*Discord*'</summary>
[MemoryDiagnoser]
public class DiscordBenchmarks
{
    private CommandRouter _router = null!;
    private CommandRequest _summit = null!;
    private Reply _wholePage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Bot.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Bot.sln not found");
        }

        var index = ContentLoader.Load(Path.Combine(root.FullName, "content"), new ContentOptions());
        var texts = new UiTexts();
        var places = SummitPlaces.Load(Path.Combine(root.FullName, "content", SummitPlaces.FileName), new List<string>());
        _router = BenchRouter.Create([new SummitCommand(new ContentSource(index), places, texts)], texts);
        _summit = new CommandRequest("summit", "seoul", new UserRef("1", "bench"), new ChatAddress(DiscordPlatform.Id, "1", ChatKind.Group), "nl");
        _wholePage = new Reply { Body = index.Pages[0].Sections.SelectMany(s => s.Blocks).ToList() };
    }

    [Benchmark]
    public int SummitSeoulCallbackBody()
    {
        var reply = _router.RouteAsync(_summit, CancellationToken.None).AsTask().Result;
        var messages = DiscordReplyMapper.Map(reply, UiLanguage.Nl);
        return JsonSerializer.SerializeToUtf8Bytes(new InteractionResponse(InteractionCallbackType.ChannelMessage, messages[0]), DiscordJsonContext.Default.InteractionResponse).Length;
    }

    [Benchmark]
    public int WholePageToMessages() => DiscordReplyMapper.Map(_wholePage, UiLanguage.Nl).Count;
}
