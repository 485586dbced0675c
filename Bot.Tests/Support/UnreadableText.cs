using System.Text.RegularExpressions;

namespace Bot.Tests.Support;

/// <summary>What a reply a person reads must not contain: machine ids, ISO times, internal keys, enum names, raw Markdown, wrong plurals.</summary>
internal static partial class UnreadableText
{
    /// <summary>Every problem in <paramref name="text"/>; links are left out, since a URL may hold any of these.</summary>
    public static IReadOnlyList<string> Problems(string text, bool plainText)
    {
        var withoutLinks = Url().Replace(text, " ");
        var problems = new List<string>();
        Check(IsoTimestamp(), "an ISO timestamp");
        Check(PlatformId(), "a platform id");
        Check(InternalKey(), "an internal key");
        Check(EnumNames(), "enum names");
        Check(WrongPlural(), "a plural after 1");
        if (plainText)
        {
            Check(RawMarkdown(), "raw Markdown");
        }

        return problems;

        void Check(Regex pattern, string what)
        {
            foreach (Match match in pattern.Matches(withoutLinks))
            {
                problems.Add($"{what}: '{match.Value}'");
            }
        }
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"\b(?:Console|Telegram|Discord):[-\w]")]
    private static partial Regex PlatformId();

    [GeneratedRegex(@"\b(?:summit-(?:19|20)\d\d|treaty-(?:1[89]|20)\d\d)")]
    private static partial Regex InternalKey();

    [GeneratedRegex(@"\b(?:All|Summits|Protests|Other|None) (?:Nl|En)\b")]
    private static partial Regex EnumNames();

    [GeneratedRegex(@"(?<![\d.,])1 (?:kanalen|channels|dagen|days|uren|hours|minuten|minutes|abonnementen|subscriptions)\b")]
    private static partial Regex WrongPlural();

    [GeneratedRegex(@"\*\*|__")]
    private static partial Regex RawMarkdown();
}
