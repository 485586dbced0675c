using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Scheduling;
using Xunit;

namespace Bot.Tests.Scheduling;

public sealed class ReminderPlannerTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static BotEvent Event(DateTime startLocal, IReadOnlyList<TimeSpan>? offsets = null, string zone = "Europe/Amsterdam") =>
        new("e", EventKind.Protest, new LocalizedText("Protest", "Protest"), startLocal, startLocal.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById(zone), "Amsterdam", null, offsets);

    [Fact]
    public void One_day_before_across_the_spring_change_is_the_same_local_time_23_hours_earlier()
    {
        // Last Sunday of March 2025: clocks go from 02:00 CET to 03:00 CEST.
        var e = Event(new DateTime(2025, 3, 30, 12, 0, 0));
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 10, 0, 0, TimeSpan.Zero), e.StartUtc);

        var dayBefore = ReminderPlanner.FireTime(e, TimeSpan.FromDays(1));

        Assert.Equal(new DateTimeOffset(2025, 3, 29, 11, 0, 0, TimeSpan.Zero), dayBefore);
        Assert.Equal(new DateTime(2025, 3, 29, 12, 0, 0), TimeZoneInfo.ConvertTime(dayBefore, Amsterdam).DateTime);
        Assert.Equal(TimeSpan.FromHours(23), e.StartUtc - dayBefore);
    }

    [Fact]
    public void One_day_before_across_the_autumn_change_is_25_hours_earlier()
    {
        // Last Sunday of October 2025: clocks go from 03:00 CEST back to 02:00 CET.
        var e = Event(new DateTime(2025, 10, 26, 12, 0, 0));
        var dayBefore = ReminderPlanner.FireTime(e, TimeSpan.FromDays(1));

        Assert.Equal(new DateTimeOffset(2025, 10, 25, 10, 0, 0, TimeSpan.Zero), dayBefore);
        Assert.Equal(TimeSpan.FromHours(25), e.StartUtc - dayBefore);
        Assert.Equal(new DateTime(2025, 10, 25, 12, 0, 0), TimeZoneInfo.ConvertTime(dayBefore, Amsterdam).DateTime);
    }

    [Fact]
    public void One_hour_before_is_sixty_real_minutes_even_over_the_gap_and_the_overlap()
    {
        var spring = Event(new DateTime(2025, 3, 30, 3, 30, 0));
        Assert.Equal(TimeSpan.FromHours(1), spring.StartUtc - ReminderPlanner.FireTime(spring, TimeSpan.FromHours(1)));
        Assert.Equal(new DateTime(2025, 3, 30, 1, 30, 0), TimeZoneInfo.ConvertTime(ReminderPlanner.FireTime(spring, TimeSpan.FromHours(1)), Amsterdam).DateTime);

        // 02:30 happens twice on 26 October; the first (summer time) is taken.
        var autumn = Event(new DateTime(2025, 10, 26, 2, 30, 0));
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), autumn.StartUtc);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 23, 30, 0, TimeSpan.Zero), ReminderPlanner.FireTime(autumn, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_wall_clock_time_in_the_spring_gap_moves_forward()
    {
        var e = Event(new DateTime(2025, 3, 31, 2, 30, 0));
        // A day before would be 02:30 on 30 March, which does not exist: it becomes 03:30 CEST.
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero), ReminderPlanner.FireTime(e, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Plan_has_the_offsets_and_daily_countdowns_in_order()
    {
        var e = Event(new DateTime(2025, 3, 31, 10, 0, 0));
        var plan = ReminderPlanner.Plan(e, ReminderOffset.Defaults, countdownDays: 3, new TimeOnly(9, 0));

        Assert.Equal(["offset-7d", "countdown-3", "countdown-2", "countdown-1", "offset-1d", "offset-1h"], plan.Select(s => s.Slot));
        // The countdown of 29 March is at 09:00 CET, that of 30 March at 09:00 CEST.
        Assert.Equal(new DateTimeOffset(2025, 3, 29, 8, 0, 0, TimeSpan.Zero), plan.Single(s => s.Slot == "countdown-2").FireUtc);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 7, 0, 0, TimeSpan.Zero), plan.Single(s => s.Slot == "countdown-1").FireUtc);
    }

    [Fact]
    public void Missed_slots_collapse_into_the_most_recent_and_nothing_after_the_start()
    {
        var e = Event(new DateTime(2025, 6, 10, 12, 0, 0), [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(1)]);
        var plan = ReminderPlanner.Plan(e, ReminderOffset.Defaults, 0, new TimeOnly(9, 0));

        Assert.Null(ReminderPlanner.Current(plan, e, e.StartUtc - TimeSpan.FromDays(8)));
        Assert.Equal("offset-7d", ReminderPlanner.Current(plan, e, e.StartUtc - TimeSpan.FromDays(7))?.Slot);
        Assert.Equal("offset-1d", ReminderPlanner.Current(plan, e, e.StartUtc - TimeSpan.FromHours(2))?.Slot);
        Assert.Null(ReminderPlanner.Current(plan, e, e.StartUtc));
    }

    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("1h", 60)]
    [InlineData("30m", 30)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("1.00:00:00", 24 * 60)]
    public void Offsets_parse(string text, int minutes)
    {
        Assert.True(ReminderOffset.TryParse(text, out var offset));
        Assert.Equal(TimeSpan.FromMinutes(minutes), offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("7")]
    [InlineData("7x")]
    [InlineData("-1d")]
    [InlineData("0h")]
    public void Bad_offsets_do_not_parse(string text) => Assert.False(ReminderOffset.TryParse(text, out _));
}
