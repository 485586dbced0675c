using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Tests.Scheduling;

/// <summary>
/// A strict reader of the RFC 5545 rules calendar clients trip over, written from the RFC: CRLF line
/// ends (3.1), lines of at most 75 octets folded with a space (3.1), content-line syntax (3.1),
/// BEGIN/END nesting (3.4, 3.6), the required properties of VCALENDAR (3.6, 3.7.3, 3.7.4), VEVENT
/// (3.6.1: UID, DTSTAMP once, DTSTART, not both DTEND and DURATION) and VTIMEZONE (3.6.5: TZID and
/// STANDARD/DAYLIGHT with DTSTART, TZOFFSETFROM, TZOFFSETTO), DATE-TIME syntax (3.3.5), TEXT
/// escaping (3.3.11), and every TZID parameter resolving to a VTIMEZONE (3.2.19).
/// </summary>
internal static partial class Rfc5545Validator
{
    public static IReadOnlyList<string> Validate(string text)
    {
        var problems = new List<string>();
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            problems.Add("the last line does not end with CRLF");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                problems.Add($"a bare CR or LF at character {i}");
                break;
            }
        }

        var physical = text.Split("\r\n");
        for (var i = 0; i < physical.Length; i++)
        {
            var octets = Encoding.UTF8.GetByteCount(physical[i]);
            if (octets > 75)
            {
                problems.Add($"line {i + 1} is {octets} octets (at most 75): {physical[i][..Math.Min(40, physical[i].Length)]}…");
            }
        }

        var lines = new List<string>();
        foreach (var line in physical.Take(physical.Length - 1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (lines.Count == 0)
                {
                    problems.Add("the first line is a continuation");
                    continue;
                }

                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }

        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in lines)
        {
            var match = ContentLine().Match(line);
            if (!match.Success)
            {
                problems.Add($"not a content line: {line}");
                continue;
            }

            var name = match.Groups["name"].Value.ToUpperInvariant();
            var parameters = match.Groups["param"].Captures.Select(c => c.Value).ToList();
            var value = match.Groups["value"].Value;
            if (name == "BEGIN")
            {
                var component = new Component(value.ToUpperInvariant());
                if (stack.Count == 0)
                {
                    if (root is not null)
                    {
                        problems.Add("more than one top-level component");
                    }

                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
                continue;
            }

            if (name == "END")
            {
                if (stack.Count == 0 || !string.Equals(stack.Peek().Name, value, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"END:{value} does not close {(stack.Count == 0 ? "anything" : stack.Peek().Name)}");
                    continue;
                }

                stack.Pop();
                continue;
            }

            if (stack.Count == 0)
            {
                problems.Add($"a property outside any component: {name}");
                continue;
            }

            stack.Peek().Properties.Add((name, parameters, value));
        }

        if (stack.Count > 0)
        {
            problems.Add($"{stack.Peek().Name} is not closed");
        }

        if (root is null || root.Name != "VCALENDAR")
        {
            problems.Add("the object is not a VCALENDAR");
            return problems;
        }

        Once(root, "PRODID", problems);
        Once(root, "VERSION", problems);
        if (root.Value("VERSION") != "2.0")
        {
            problems.Add("VERSION is not 2.0");
        }

        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in root.Children.Where(c => c.Name == "VTIMEZONE"))
        {
            Once(zone, "TZID", problems);
            if (zone.Value("TZID") is { } id && !zones.Add(id))
            {
                problems.Add($"VTIMEZONE {id} twice");
            }

            var rules = zone.Children.Where(c => c.Name is "STANDARD" or "DAYLIGHT").ToList();
            if (rules.Count == 0)
            {
                problems.Add($"VTIMEZONE {zone.Value("TZID")} has neither STANDARD nor DAYLIGHT");
            }

            foreach (var rule in rules)
            {
                Once(rule, "DTSTART", problems);
                Once(rule, "TZOFFSETFROM", problems);
                Once(rule, "TZOFFSETTO", problems);
                foreach (var offset in rule.Properties.Where(p => p.Name.StartsWith("TZOFFSET", StringComparison.Ordinal)))
                {
                    if (!Offset().IsMatch(offset.Value))
                    {
                        problems.Add($"{offset.Name} '{offset.Value}' is not ±hhmm");
                    }
                }
            }
        }

        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in root.Children.Where(c => c.Name == "VEVENT"))
        {
            var uid = e.Value("UID") ?? "(no UID)";
            Once(e, "UID", problems, uid);
            Once(e, "DTSTAMP", problems, uid);
            Once(e, "DTSTART", problems, uid);
            if (e.Has("DTEND") && e.Has("DURATION"))
            {
                problems.Add($"{uid}: both DTEND and DURATION");
            }

            if (!uids.Add(uid + "|" + e.Value("RECURRENCE-ID")))
            {
                problems.Add($"{uid}: UID used twice");
            }

            if (e.Value("DTSTAMP") is { } stamp && !UtcDateTime().IsMatch(stamp))
            {
                problems.Add($"{uid}: DTSTAMP '{stamp}' is not a UTC DATE-TIME");
            }

            if (e.Value("SEQUENCE") is { } sequence && !int.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{uid}: SEQUENCE '{sequence}' is not a non-negative integer");
            }

            foreach (var (name, parameters, value) in e.Properties)
            {
                if (name is "DTSTART" or "DTEND" or "RECURRENCE-ID" or "EXDATE" && !parameters.Contains("VALUE=DATE", StringComparer.OrdinalIgnoreCase) && !DateTimeValue().IsMatch(value))
                {
                    problems.Add($"{uid}: {name} '{value}' is not a DATE-TIME");
                }

                if (name is "SUMMARY" or "DESCRIPTION" or "LOCATION" && UnescapedText().IsMatch(value))
                {
                    problems.Add($"{uid}: {name} has an unescaped ';' or ','");
                }
            }
        }

        foreach (var component in root.Children.Where(c => c.Name != "VTIMEZONE"))
        {
            foreach (var (name, parameters, _) in component.Properties)
            {
                foreach (var tzid in parameters.Where(p => p.StartsWith("TZID=", StringComparison.OrdinalIgnoreCase)).Select(p => p[5..].Trim('"')))
                {
                    if (!zones.Contains(tzid))
                    {
                        problems.Add($"{component.Value("UID")}: {name} names TZID {tzid}, which no VTIMEZONE defines");
                    }
                }
            }
        }

        return problems;
    }

    private static void Once(Component component, string name, List<string> problems, string? who = null)
    {
        var count = component.Properties.Count(p => p.Name == name);
        if (count != 1)
        {
            problems.Add($"{who ?? component.Name}: {name} appears {count} times (must be once)");
        }
    }

    // name *(";" param) ":" value, param values plain or quoted (RFC 5545 3.1).
    [GeneratedRegex("""^(?<name>[A-Za-z0-9-]+)(?:;(?<param>[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*))*:(?<value>.*)$""")]
    private static partial Regex ContentLine();

    [GeneratedRegex(@"^[+-]\d{4}(\d{2})?$")]
    private static partial Regex Offset();

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex UtcDateTime();

    [GeneratedRegex(@"^\d{8}T\d{6}Z?(,\d{8}T\d{6}Z?)*$")]
    private static partial Regex DateTimeValue();

    [GeneratedRegex(@"(?<!\\)[;,]")]
    private static partial Regex UnescapedText();

    private sealed class Component(string name)
    {
        public string Name { get; } = name;

        public List<(string Name, List<string> Parameters, string Value)> Properties { get; } = [];

        public List<Component> Children { get; } = [];

        public bool Has(string property) => Properties.Any(p => p.Name == property);

        public string? Value(string property) => Properties.FirstOrDefault(p => p.Name == property).Value;
    }
}
