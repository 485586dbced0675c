using Xunit;

namespace Bot.Tests.Architecture;

/// <summary>Bot.Core's folders use each other without cycles, each only folders of lower layers.</summary>
public sealed class CoreLayeringTests
{
    /// <summary>
    /// Bot.Core's folders from the bottom up; a folder uses only folders of lower layers. On top the
    /// composition root (the files directly in Bot.Core: <c>AddBotCore</c>, its builder, the start-up
    /// checks), which may use every folder and which no folder uses.
    /// </summary>
    private static readonly string[][] Layers =
    [
        ["Kernel", "Hosting", "Diagnostics"],
        ["Content"],
        ["Replies"],
        ["Storage"],
        ["Commands"],
        ["Delivery"],
        ["Events"],
        ["Scheduling"],
        ["Moderation"],
        [FolderGraph.Root],
    ];

    private static readonly Lazy<FolderGraph> Core = new(() =>
        FolderGraph.Read(typeof(Bot.Core.BotCoreBuilder).Assembly.Location, "Bot.Core"));

    [Fact]
    public void Core_folders_use_each_other_without_a_cycle()
    {
        var cycles = Core.Value.Cycles();

        Assert.True(cycles.Count == 0, "Bot.Core's folders use each other in a cycle:\n" + string.Join("\n", cycles.Select(Core.Value.Describe)));
    }

    [Fact]
    public void Core_folders_use_only_lower_layers()
    {
        var graph = Core.Value;
        var layer = Layers.SelectMany((folders, i) => folders.Select(f => (Folder: f, Layer: i))).ToDictionary(x => x.Folder, x => x.Layer, StringComparer.Ordinal);

        var unplaced = graph.Folders.Where(f => !layer.ContainsKey(f)).ToList();
        Assert.True(unplaced.Count == 0, $"Place the folders {string.Join(", ", unplaced)} in {nameof(CoreLayeringTests)}.{nameof(Layers)}.");
        var upwards = graph.Folders
            .SelectMany(from => graph.Uses(from).Where(to => layer[to] >= layer[from]).Select(to => $"{from} → {to}:\n    " + string.Join("\n    ", graph.Why(from, to))))
            .ToList();
        Assert.True(upwards.Count == 0, "Bot.Core's folders use folders of their own or a higher layer:\n" + string.Join("\n", upwards));
    }

    [Fact]
    public void The_cycle_finder_names_each_cycle_once_with_the_references_of_its_edges()
    {
        var graph = new FolderGraph();
        graph.Add("A", "B", new FolderReference("A/One.cs", "A.One", "B.Two"));
        graph.Add("B", "C", new FolderReference("B/Two.cs", "B.Two", "C.Three"));
        graph.Add("C", "A", new FolderReference("C/Three.cs", "C.Three", "A.One"));
        graph.Add("C", "B");
        graph.Add("C", "D");
        graph.Add("D", "E");
        graph.Add("E", "D");
        graph.Add("F", "A");
        graph.Add("F", "F");

        var cycles = graph.Cycles();

        Assert.Equal([["A", "B", "C"], ["D", "E"]], cycles.OrderBy(c => c[0], StringComparer.Ordinal));
        Assert.Equal(
            "A → B → C → A\n  A → B:\n    A/One.cs: A.One uses B.Two\n  B → C:\n    B/Two.cs: B.Two uses C.Three\n  C → A:\n    C/Three.cs: C.Three uses A.One",
            graph.Describe(cycles.Single(c => c[0] == "A")));
        Assert.DoesNotContain("F", graph.Uses("F"));
    }

    [Fact]
    public void The_cycle_finder_finds_none_in_a_layered_graph()
    {
        var graph = new FolderGraph();
        graph.Add("Top", "Middle");
        graph.Add("Top", "Bottom");
        graph.Add("Middle", "Bottom");

        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void The_graph_sees_fully_qualified_names_in_method_bodies_and_generic_arguments()
    {
        // Bot.Tests/Architecture/Fixture: Alpha names Beta only in a method body, Beta names Alpha's nested type only as a type argument.
        var graph = FolderGraph.Read(typeof(CoreLayeringTests).Assembly.Location, "Bot.Tests.Architecture.Fixture");

        Assert.Equal(["Alpha", "Beta"], Assert.Single(graph.Cycles()));
        Assert.Contains(
            new FolderReference("Architecture/Fixture/Alpha/Sender.cs", "Bot.Tests.Architecture.Fixture.Alpha.Sender", "Bot.Tests.Architecture.Fixture.Beta.Parcel"),
            graph.Why("Alpha", "Beta"));
        Assert.Contains(
            new FolderReference("Architecture/Fixture/Beta/Parcel.cs", "Bot.Tests.Architecture.Fixture.Beta.Parcel", "Bot.Tests.Architecture.Fixture.Alpha.Sender+Priority"),
            graph.Why("Beta", "Alpha"));
    }
}
