using Bot.Core.Events;
using Bot.Core.Kernel;
using Xunit;

namespace Bot.Tests.Kernel;

/// <summary>
/// The Dutch and English cultures from our own table write what ICU wrote for nl-NL and en-GB (the expected
/// strings were taken from ICU before the process went without it): every month, every weekday, the clock, numbers.
/// </summary>
public sealed class UiCulturesTests
{
    [Fact]
    public void The_process_runs_without_icu() =>
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);

    [Theory]
    [InlineData(1, "15 januari 2026", "15 jan", "15 January 2026", "15 Jan")]
    [InlineData(2, "15 februari 2026", "15 feb", "15 February 2026", "15 Feb")]
    [InlineData(3, "15 maart 2026", "15 mrt", "15 March 2026", "15 Mar")]
    [InlineData(4, "15 april 2026", "15 apr", "15 April 2026", "15 Apr")]
    [InlineData(5, "15 mei 2026", "15 mei", "15 May 2026", "15 May")]
    [InlineData(6, "15 juni 2026", "15 jun", "15 June 2026", "15 Jun")]
    [InlineData(7, "15 juli 2026", "15 jul", "15 July 2026", "15 Jul")]
    [InlineData(8, "15 augustus 2026", "15 aug", "15 August 2026", "15 Aug")]
    [InlineData(9, "15 september 2026", "15 sep", "15 September 2026", "15 Sept")]
    [InlineData(10, "15 oktober 2026", "15 okt", "15 October 2026", "15 Oct")]
    [InlineData(11, "15 november 2026", "15 nov", "15 November 2026", "15 Nov")]
    [InlineData(12, "15 december 2026", "15 dec", "15 December 2026", "15 Dec")]
    public void Every_month_is_spelled_out_and_abbreviated(int month, string dutch, string dutchShort, string english, string englishShort)
    {
        var date = new DateTime(2026, month, 15, 0, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(dutch, date.ToString("d MMMM yyyy", UiCultures.Dutch));
        Assert.Equal(dutchShort, date.ToString("d MMM", UiCultures.Dutch));
        Assert.Equal(english, date.ToString("d MMMM yyyy", UiCultures.English));
        Assert.Equal(englishShort, date.ToString("d MMM", UiCultures.English));
        Assert.Equal(dutch.Split(' ')[1], date.ToString("MMMM", UiCultures.Dutch)); // the month on its own, not after a day
        Assert.Equal(english.Split(' ')[1], date.ToString("MMMM", UiCultures.English));
    }

    [Theory]
    [InlineData(2, "maandag 2 maart 2026, 14:00", "ma", "Monday 2 March 2026, 14:00", "Mon")]
    [InlineData(3, "dinsdag 3 maart 2026, 14:00", "di", "Tuesday 3 March 2026, 14:00", "Tue")]
    [InlineData(4, "woensdag 4 maart 2026, 14:00", "wo", "Wednesday 4 March 2026, 14:00", "Wed")]
    [InlineData(5, "donderdag 5 maart 2026, 14:00", "do", "Thursday 5 March 2026, 14:00", "Thu")]
    [InlineData(6, "vrijdag 6 maart 2026, 14:00", "vr", "Friday 6 March 2026, 14:00", "Fri")]
    [InlineData(7, "zaterdag 7 maart 2026, 14:00", "za", "Saturday 7 March 2026, 14:00", "Sat")]
    [InlineData(8, "zondag 8 maart 2026, 14:00", "zo", "Sunday 8 March 2026, 14:00", "Sun")]
    public void Every_weekday_is_spelled_out_and_abbreviated(int day, string dutch, string dutchShort, string english, string englishShort)
    {
        var moment = new DateTime(2026, 3, day, 14, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(dutch, UiFormat.Wall(moment, UiLanguage.Nl));
        Assert.Equal(dutchShort, moment.ToString("ddd", UiCultures.Dutch));
        Assert.Equal(english, UiFormat.Wall(moment, UiLanguage.En));
        Assert.Equal(englishShort, moment.ToString("ddd", UiCultures.English));
    }

    [Theory]
    [InlineData(9, "09:05", "9:05 am", "9:05 a.m.", "9:05 am")]
    [InlineData(21, "21:05", "9:05 pm", "9:05 p.m.", "9:05 pm")]
    public void The_clock_reads_as_each_language_writes_it(int hour, string dutch, string english, string dutchDesignated, string englishDesignated)
    {
        var moment = new DateTime(2026, 3, 2, hour, 5, 0, DateTimeKind.Unspecified);

        Assert.Equal(dutch, EventTexts.Clock(moment, UiLanguage.Nl));
        Assert.Equal(english, EventTexts.Clock(moment, UiLanguage.En));
        Assert.Equal(dutchDesignated, moment.ToString("h:mm tt", UiCultures.Dutch));
        Assert.Equal(englishDesignated, moment.ToString("h:mm tt", UiCultures.English));
    }

    [Fact]
    public void The_standard_date_patterns_and_the_first_day_of_the_week_are_those_of_the_netherlands_and_britain()
    {
        var moment = new DateTime(2026, 3, 2, 14, 7, 9, DateTimeKind.Unspecified);

        Assert.Equal("02-03-2026 14:07:09", moment.ToString(UiCultures.Dutch));
        Assert.Equal("02/03/2026 14:07:09", moment.ToString(UiCultures.English));
        Assert.Equal("maandag 2 maart 2026", moment.ToString("D", UiCultures.Dutch));
        Assert.Equal("Monday, 2 March 2026", moment.ToString("D", UiCultures.English));
        Assert.Equal("2 maart", moment.ToString("M", UiCultures.Dutch));
        Assert.Equal("March 2026", moment.ToString("Y", UiCultures.English));
        Assert.Equal(DayOfWeek.Monday, UiCultures.Dutch.DateTimeFormat.FirstDayOfWeek);
        Assert.Equal(DayOfWeek.Monday, UiCultures.English.DateTimeFormat.FirstDayOfWeek);
    }

    [Theory]
    [InlineData(1_234_567.0, "N0", "1.234.567", "1,234,567")]
    [InlineData(2_000.0, "N0", "2.000", "2,000")]
    [InlineData(999.0, "N0", "999", "999")]
    [InlineData(-1_200.0, "N0", "-1.200", "-1,200")]
    [InlineData(1_234.5, "N1", "1.234,5", "1,234.5")]
    [InlineData(0.125, "P1", "12,5%", "12.5%")]
    public void Numbers_group_thousands_and_mark_decimals_as_each_language_does(double number, string format, string dutch, string english)
    {
        Assert.Equal(dutch, number.ToString(format, UiCultures.Dutch));
        Assert.Equal(english, number.ToString(format, UiCultures.English));
    }

    [Fact]
    public void Both_cultures_are_read_only_and_are_the_ones_the_ui_uses()
    {
        Assert.True(UiCultures.Dutch.IsReadOnly);
        Assert.True(UiCultures.English.DateTimeFormat.IsReadOnly);
        Assert.True(UiCultures.English.NumberFormat.IsReadOnly);
        Assert.Same(UiCultures.Dutch, UiCultures.For(UiLanguage.Nl));
        Assert.Same(UiCultures.English, UiCultures.For(UiLanguage.En));
    }
}
