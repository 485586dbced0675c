using Bot.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>Repeating events from events.yaml and feeds: expansion in the event's zone, ids, bounds, and bad rules.</summary>
public sealed class RecurrenceTests
{
    // Monday 12 October 2026 14:00 in Amsterdam; the clocks go back on Sunday 25 October.
    private static readonly DateTimeOffset T0 = new(2026, 10, 12, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(Support.TestPaths.RepoRoot, "Bot.Tests", "Scheduling", "Fixtures", name));

    private EventCatalog Catalog() => new(NullLogger<EventCatalog>.Instance, time: _time);

    private const string Meetup = """
        events:
          - id: meetup
            kind: other
            title: { nl: Meetup Utrecht, en: Utrecht meetup }
            start: 2026-10-13T19:00
            end: 2026-10-13T21:00
            timezone: Europe/Amsterdam
            repeat: "FREQ=WEEKLY;BYDAY=TU"
            except: [2026-10-27, 2026-11-10T19:00]
        """;

    [Fact]
    public void A_weekly_yaml_event_repeats_at_its_local_time_across_the_dst_change_with_its_exceptions()
    {
        var catalog = Catalog();
        catalog.SetSource("file", EventYamlParser.Parse(Meetup, "events.yaml"));

        Assert.Empty(catalog.Problems);
        var next = catalog.Upcoming(T0).Take(4).ToList();
        Assert.Equal(["meetup@20261013T1700", "meetup@20261020T1700", "meetup@20261103T1800", "meetup@20261117T1800"], next.Select(e => e.Id));
        Assert.All(next, e => Assert.Equal(new TimeOnly(19, 0), TimeOnly.FromDateTime(e.StartLocal)));
        Assert.All(next, e => Assert.Equal(new TimeOnly(21, 0), TimeOnly.FromDateTime(e.EndLocal)));
        Assert.All(next, e => Assert.Equal("meetup", e.SeriesId));
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 17, 0, 0, TimeSpan.Zero), next[1].StartUtc); // CEST, +2
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero), next[2].StartUtc);  // CET, +1
        Assert.Equal("Meetup Utrecht", next[0].Title.Nl);

        // 90 days ahead: the Tuesdays up to 5 January 2027, less the two exceptions.
        Assert.Equal(11, catalog.All.Length);
        Assert.Equal("meetup", catalog.FindDefinition("meetup")!.Id);
        Assert.Equal("meetup@20261013T1700", catalog.Find("meetup", T0)!.Id);
    }

    [Fact]
    public void The_window_moves_on_and_an_occurrence_keeps_its_id()
    {
        var catalog = Catalog();
        catalog.SetSource("file", EventYamlParser.Parse(Meetup, "events.yaml"));
        var changes = 0;
        catalog.Changed += (_, _) => changes++;
        Assert.False(catalog.Refresh());

        _time.Advance(TimeSpan.FromDays(7));
        Assert.True(catalog.Refresh());

        Assert.Equal(1, changes);
        Assert.Equal("meetup@20261020T1700", catalog.Upcoming(_time.GetUtcNow())[0].Id);
        Assert.Equal("meetup@20261013T1700", catalog.Past(_time.GetUtcNow())[0].Id);
        Assert.Contains(catalog.All, e => e.Id == "meetup@20270112T1800"); // came into the 90-day window
    }

    [Fact]
    public void Bad_repeat_rules_are_one_problem_line_each_and_the_rest_loads()
    {
        const string yaml = """
            events:
              - id: good
                kind: other
                title: Good
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                repeat: FREQ=WEEKLY
              - id: nonsense
                kind: other
                title: Nonsense
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                repeat: "FREQ=SOMETIMES"
              - id: every-second
                kind: other
                title: Flood
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                repeat: FREQ=SECONDLY
              - id: a-million
                kind: other
                title: Count
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                repeat: FREQ=DAILY;COUNT=1000000
              - id: stray-except
                kind: other
                title: Except
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                except: [2026-10-20]
              - id: thirtieth-of-february
                kind: other
                title: Never
                start: 2026-10-13T19:00
                timezone: Europe/Amsterdam
                repeat: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30
            """;
        var catalog = Catalog();
        catalog.SetSource("file", EventYamlParser.Parse(yaml, "events.yaml"));

        var problems = catalog.Problems.Select(p => p.ToString()).ToList();
        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
        Assert.Contains(problems, p => p.StartsWith("events.yaml:8: event 'nonsense' skipped: 'repeat' 'FREQ=SOMETIMES' is not an iCalendar RRULE", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("events.yaml:14: event 'every-second' skipped: 'repeat'", StringComparison.Ordinal) && p.Contains("more often than daily", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("events.yaml:20: event 'a-million'", StringComparison.Ordinal) && p.Contains("COUNT=1000000; at most 1040", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("events.yaml:26: event 'stray-except' skipped: 'except' needs 'repeat'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("events.yaml:32: event 'thirtieth-of-february' skipped: 'repeat'", StringComparison.Ordinal) && p.Contains("never matches", StringComparison.Ordinal));
        Assert.Equal(["good"], catalog.All.Select(e => e.SeriesId).Distinct());
    }

    [Fact]
    public void An_endless_daily_rule_from_long_ago_is_bounded_by_the_window()
    {
        const string yaml = """
            events:
              - id: daily
                kind: other
                title: Daily
                start: 2000-01-01T10:00
                timezone: Europe/Amsterdam
                repeat: FREQ=DAILY
            """;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var catalog = Catalog();
        catalog.SetSource("file", EventYamlParser.Parse(yaml, "events.yaml"));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"expanding took {started.Elapsed}");
        Assert.Equal(20, catalog.Upcoming(T0).Count); // Events:RepeatMaxUpcoming
        Assert.Equal(3, catalog.Past(T0).Count);
        Assert.Equal("daily@20261012T0800", catalog.Past(T0)[0].Id);
    }

    [Fact]
    public void A_feed_series_keeps_its_exdate_moved_and_cancelled_occurrences()
    {
        var catalog = Catalog();
        catalog.SetSource("feed", IcsFeedParser.Parse(Fixture("weekly-meetup.ics"), "feed", EventKind.Other));

        Assert.Empty(catalog.Problems);
        var meetups = catalog.Upcoming(T0).Where(e => e.SeriesId == "feed-meetup-pauseai.nl").Take(4).ToList();
        Assert.Equal(["feed-meetup-pauseai.nl@20261013T1700", "feed-meetup-pauseai.nl@20261020T1700", "feed-meetup-pauseai.nl@20261103T1800", "feed-meetup-pauseai.nl@20261117T1800"], meetups.Select(e => e.Id));
        var moved = meetups[2];
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 19, 0, 0, TimeSpan.Zero), moved.StartUtc);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 21, 0, 0, TimeSpan.Zero), moved.EndUtc);
        Assert.Equal("PauseAI meetup Utrecht (verplaatst naar woensdag)", moved.Title.En);
        var flyer = catalog.All.Single(e => e.Id == "feed-flyer-day-pauseai.nl");
        Assert.Equal("<b>Flyeren</b> in Zwolle ✊ — café «De Ĳssel» @everyone", flyer.Title.En);
        Assert.Equal("Grote Markt, Zwolle", flyer.Location);
    }

    [Fact]
    public void Garbage_feeds_are_refused_or_skip_only_the_bad_event()
    {
        const string badZoneAndRule = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            + "BEGIN:VEVENT\r\nUID:mars\r\nDTSTART;TZID=Mars/Olympus:20261013T190000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Mars\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:flood\r\nDTSTART:20261013T190000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Flood\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:count\r\nDTSTART:20261013T190000Z\r\nRRULE:FREQ=DAILY;COUNT=1000000\r\nSUMMARY:Count\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20261013T190000Z\r\nSUMMARY:Ok\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var result = IcsFeedParser.Parse(badZoneAndRule, "feed x", EventKind.Protest);

        Assert.Equal(["feed-ok"], result.Events.Select(e => e.Id));
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Message.Contains("unknown time zone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("more often than daily", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("COUNT=1000000", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => IcsFeedParser.Parse("<html><body>Sign in</body></html>", "feed x", EventKind.Protest));
    }

    [Fact]
    public void Two_feeds_with_the_same_uid_give_one_event_and_one_problem_line()
    {
        var catalog = Catalog();
        var body = Fixture("weekly-meetup.ics");
        catalog.SetSource("feed http://a.example/cal.ics", IcsFeedParser.Parse(body, "feed http://a.example/cal.ics", EventKind.Other));
        catalog.SetSource("feed http://b.example/cal.ics", IcsFeedParser.Parse(body.Replace("PauseAI meetup Utrecht", "Copy", StringComparison.Ordinal), "feed http://b.example/cal.ics", EventKind.Protest));

        Assert.Equal(1, catalog.All.Count(e => e.Id == "feed-flyer-day-pauseai.nl"));
        Assert.DoesNotContain(catalog.All, e => e.Title.En.StartsWith("Copy", StringComparison.Ordinal));
        Assert.Equal(2, catalog.Problems.Length); // the series and the single event
        Assert.All(catalog.Problems, p => Assert.Contains("is also in feed http://a.example/cal.ics", p.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_occurrence_is_gone_and_the_rest_of_its_series_stays()
    {
        var catalog = Catalog();
        catalog.SetSource("file", EventYamlParser.Parse(Meetup, "events.yaml"));

        catalog.SetEdits([], ["meetup@20261020T1700"]);

        Assert.DoesNotContain(catalog.All, e => e.Id == "meetup@20261020T1700");
        Assert.Contains(catalog.All, e => e.Id == "meetup@20261013T1700");
    }
}
