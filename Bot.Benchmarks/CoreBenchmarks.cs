using BenchmarkDotNet.Attributes;
using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;

namespace Bot.Benchmarks;

/// <summary>Core answer time (resolve + render) and indexing time. Run: dotnet run -c Release --project Bot.Benchmarks -- --filter '*'</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CoreBenchmarks
{
    private ContentIndex _index = null!;
    private CommandRouter _router = null!;
    private List<(string, string)> _corpus = null!;
    private List<(string, string)> _site = null!;
    private string _aliases = null!;
    private CommandRequest _summit = null!;
    private CommandRequest _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindUp("Bot.sln");
        var options = new ContentOptions();
        _index = ContentLoader.Load(Path.Combine(root, "content"), options);
        var texts = new UiTexts();
        var places = SummitPlaces.Load(Path.Combine(root, "content", SummitPlaces.FileName), new List<string>());
        var source = new ContentSource(_index);
        ICommandHandler[] handlers = [new SummitCommand(source, places, texts), new TreatyCommand(source, places, texts), new SearchCommand(source, texts)];
        _router = BenchRouter.Create(handlers, texts);
        var corpus = Path.Combine(root, "testdata", "corpus");
        _corpus = Directory.GetFiles(corpus, "*.md", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "README.md")
            .Select(f => (Path.GetRelativePath(corpus, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        var content = Path.Combine(root, "content");
        _site = Directory.GetFiles(content, "*.md", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "README.md")
            .Select(f => (Path.GetRelativePath(content, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        _aliases = Path.Combine(content, "aliases.yaml");
        var user = new UserRef("1", "bench");
        var chat = new ChatAddress(new PlatformId("Bench"), "1", ChatKind.Private);
        _summit = new CommandRequest("summit", "seoul", user, chat, "nl");
        _search = new CommandRequest("zoek", "instrumentele convergentie", user, chat, "nl");
    }

    [Benchmark]
    public string SummitSeoul() => PlainTextReplyFormatter.Format(_router.RouteAsync(_summit, CancellationToken.None).AsTask().Result);

    /// <summary>/zoek over the whole site (content/, both languages): search, snippets, rendering.</summary>
    [Benchmark]
    public string SearchWholeSiteAnswer() => PlainTextReplyFormatter.Format(_router.RouteAsync(_search, CancellationToken.None).AsTask().Result);

    /// <summary>The search alone, English, a question with common words.</summary>
    [Benchmark]
    public int SearchWholeSiteEnglish() => _index.Search("how can I donate to PauseAI", "en").Count;

    /// <summary>The search alone, a Dutch user whose words only the English pages have.</summary>
    [Benchmark]
    public int SearchWholeSiteFallback() => _index.Search("theory of change", "nl").Count;

    /// <summary>Loading content/ (59 pages): parsing, sections, alignment, entities, the search index.</summary>
    [Benchmark]
    public int IndexWholeSite() => ContentLoader.FromTexts(_site, new ContentOptions(), _aliases).Pages.Count;

    [Benchmark]
    public int IndexWholeCorpus() => ContentLoader.FromTexts(_corpus, new ContentOptions()).Pages.Count;

    internal static string FindUp(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, file)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(file + " not found");
    }
}
