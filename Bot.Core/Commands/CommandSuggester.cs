using Bot.Core.Kernel;
namespace Bot.Core.Commands;

/// <summary>The known command nearest to a mistyped one (<c>sumit</c> → <c>summit</c>, <c>verdragen</c> → <c>verdrag</c>).</summary>
public static class CommandSuggester
{
    /// <summary>
    /// The command whose name is fewest edits away (a swap of two letters counts as one): first among the
    /// names in the user's language, then among every name and alias. Null when none is close enough
    /// (one edit for names up to four letters, two for longer ones). Commands for moderators only when <paramref name="isModerator"/>.
    /// </summary>
    public static CommandDescriptor? Closest(IEnumerable<CommandDescriptor> commands, string typed, UiLanguage language, bool isModerator)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var word = (typed ?? string.Empty).ToLowerInvariant();
        if (word.Length < 2)
        {
            return null;
        }

        var usable = commands.Where(c => c.Audience != CommandAudience.Moderators || isModerator).ToList();
        return Nearest(usable.Select(c => (c, c.NameFor(language))), word)
            ?? Nearest(usable.SelectMany(c => c.AllNames.Select(n => (c, n))), word);
    }

    private static CommandDescriptor? Nearest(IEnumerable<(CommandDescriptor Command, string Name)> names, string word)
    {
        CommandDescriptor? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (command, name) in names)
        {
            var limit = Math.Min(word.Length, name.Length) <= 4 ? 1 : 2;
            var distance = Distance(word, name.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = command;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
