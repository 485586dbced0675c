using Bot.Core.Events;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Scheduling;

public sealed class EventCatalogTests
{
    [Fact]
    public void The_shipped_events_file_loads_every_event_without_problems()
    {
        var result = EventYamlParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Content, "events.yaml")), "events.yaml");

        Assert.Empty(result.Problems);
        var ids = result.Events.Select(e => e.Id).ToArray();
        Assert.Equal(["bletchley-2023", "protest-2024-may", "seoul-2024", "san-francisco-2024", "protest-2025-february", "paris-2025", "india-2026"], ids);
        var paris = result.Events.Single(e => e.Id == "paris-2025");
        Assert.Equal(EventKind.Summit, paris.Kind);
        Assert.Equal(new DateTimeOffset(2025, 2, 10, 8, 0, 0, TimeSpan.Zero), paris.StartUtc);
        Assert.Equal(TimeSpan.FromHours(1), paris.StartWithOffset.Offset);
        var seoul = result.Events.Single(e => e.Id == "seoul-2024");
        Assert.Equal(new DateTimeOffset(2024, 5, 21, 0, 0, 0, TimeSpan.Zero), seoul.StartUtc);
        var delhi = result.Events.Single(e => e.Id == "india-2026");
        Assert.Equal(new DateTimeOffset(2026, 2, 16, 3, 30, 0, TimeSpan.Zero), delhi.StartUtc);
        Assert.Equal([TimeSpan.FromDays(14), TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(1)], delhi.Offsets);
        var protest = result.Events.Single(e => e.Id == "protest-2025-february");
        Assert.Equal(EventKind.Protest, protest.Kind);
        Assert.Equal(new DateTime(2025, 2, 11, 23, 59, 0), protest.EndLocal);
    }

    [Fact]
    public void A_bad_entry_is_reported_with_its_line_and_skipped()
    {
        const string yaml = """
            events:
              - id: good
                kind: summit
                title: { nl: Goed, en: Good }
                start: 2030-01-01T10:00
                timezone: Europe/Amsterdam
              - id: bad-zone
                kind: summit
                title: { en: Bad }
                start: 2030-01-01T10:00
                timezone: Mars/Olympus
              - id: bad-kind
                kind: party
                title: { en: Bad }
                start: 2030-01-01
                end: 2029-12-31
                timezone: UTC
              - id: good
                kind: protest
                title: Twice
                start: 2030-02-01T10:00
                timezone: UTC
            """;

        var result = EventYamlParser.Parse(yaml, "events.yaml");

        Assert.Equal(["good"], result.Events.Select(e => e.Id));
        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(7, result.Problems[0].Line);
        Assert.Contains("timezone", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(12, result.Problems[1].Line);
        Assert.Contains("'kind'", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'end' is before 'start'", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(18, result.Problems[2].Line);
        Assert.Contains("used twice", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("events.yaml:7:", result.Problems[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_one_problem_not_an_exception()
    {
        var result = EventYamlParser.Parse("events:\n  - id: [unclosed\n", "events.yaml");

        Assert.Empty(result.Events);
        Assert.Single(result.Problems);
        Assert.True(result.Problems[0].Line > 0);
    }

    [Fact]
    public async Task The_catalog_reloads_when_the_file_changes()
    {
        var folder = Directory.CreateTempSubdirectory("bot-events-");
        try
        {
            var file = Path.Combine(folder.FullName, "events.yaml");
            await File.WriteAllTextAsync(file, Yaml("first", "2030-01-01T10:00"));
            var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance, file);
            using var watcher = new EventCatalogWatcher(catalog, TimeProvider.System, Options.Create(new EventsOptions()), NullLogger<EventCatalogWatcher>.Instance);
            await watcher.StartAsync(CancellationToken.None);
            Assert.Equal("first", Assert.Single(catalog.All).Id);

            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            catalog.Changed += (_, _) =>
            {
                if (catalog.All.Any(e => e.Id == "second"))
                {
                    changed.TrySetResult();
                }
            };
            await File.WriteAllTextAsync(file, Yaml("second", "2030-03-01T10:00"));

            await changed.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("second", Assert.Single(catalog.All).Id);
            await watcher.StopAsync(CancellationToken.None);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Find_matches_id_or_title_words_preferring_upcoming_events()
    {
        var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance);
        catalog.SetSource("file", EventYamlParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Content, "events.yaml")), "events.yaml"));
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("seoul-2024", catalog.Find("SEOUL-2024", now)?.Id);
        Assert.Equal("paris-2025", catalog.Find("grand palais", now)?.Id);
        Assert.Equal("protest-2025-february", catalog.Find("paris protests", now)?.Id);
        Assert.Null(catalog.Find("atlantis", now));
        Assert.Equal("paris-2025", catalog.Upcoming(now).Skip(1).First().Id);
        Assert.Equal("san-francisco-2024", catalog.Past(now)[0].Id);
    }

    internal static string Yaml(string id, string start) => $"""
        events:
          - id: {id}
            kind: summit
            title: {"{"} nl: Titel {id}, en: Title {id} {"}"}
            start: {start}
            timezone: Europe/Amsterdam
        """;
}
