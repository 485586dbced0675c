using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Core.Content;

/// <summary>
/// Names the text lacks: groups of names that mean the same place or thing in Dutch and English
/// (<c>content/aliases.yaml</c>). A summit whose heading names one member of a group is found by any of them.
/// </summary>
internal sealed class AliasTable
{
    public const string FileName = "aliases.yaml";

    private readonly List<AliasGroup> _groups;

    private AliasTable(List<AliasGroup> groups) => _groups = groups;

    public static AliasTable Empty { get; } = new([]);

    public IReadOnlyList<AliasGroup> Groups => _groups;

    /// <summary>Groups with a name that occurs as whole words in the normalized text.</summary>
    public IEnumerable<AliasGroup> FoundIn(string normalizedText)
    {
        var padded = " " + normalizedText + " ";
        return _groups.Where(g => g.Names.Any(n => padded.Contains(" " + n + " ", StringComparison.Ordinal)));
    }

    /// <summary>Reads the file; a malformed file is reported and treated as empty.</summary>
    public static AliasTable Load(string path, string relativePath, ICollection<ContentProblem> problems)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            var groups = new List<AliasGroup>();
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return Empty;
            }

            foreach (var (section, node) in root.Children)
            {
                if (node is not YamlMappingNode entries)
                {
                    problems.Add(new ContentProblem(relativePath, (int)section.Start.Line, $"'{section}' must map ids to lists of names.", Skipped: true));
                    continue;
                }

                foreach (var (id, names) in entries.Children)
                {
                    if (names is YamlSequenceNode list)
                    {
                        var normalized = list.Children.OfType<YamlScalarNode>().Select(n => TextNormalizer.Normalize(n.Value)).Where(n => n.Length > 0).Distinct().ToArray();
                        groups.Add(new AliasGroup(section + "/" + id, normalized));
                    }
                    else
                    {
                        problems.Add(new ContentProblem(relativePath, (int)id.Start.Line, $"'{id}' must have a list of names.", Skipped: true));
                    }
                }
            }

            return new AliasTable(groups);
        }
        catch (YamlException ex)
        {
            problems.Add(new ContentProblem(relativePath, (int)ex.Start.Line, "Bad YAML: " + ex.Message, Skipped: true));
            return Empty;
        }
    }
}
