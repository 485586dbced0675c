using Bot.Core.Events;
using Bot.Core.Kernel;
using Xunit;

namespace Bot.Tests.Scheduling;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(12 * 24.0, UiLanguage.Nl, "over 12 dagen")]
    [InlineData(12 * 24.0, UiLanguage.En, "in 12 days")]
    [InlineData(-21 * 24.0, UiLanguage.Nl, "3 weken geleden")]
    [InlineData(-21 * 24.0, UiLanguage.En, "3 weeks ago")]
    [InlineData(1 * 24.0, UiLanguage.Nl, "over 1 dag")]
    [InlineData(3.0, UiLanguage.En, "in 3 hours")]
    [InlineData(-400 * 24.0, UiLanguage.Nl, "1 jaar geleden")]
    [InlineData(-90 * 24.0, UiLanguage.En, "3 months ago")]
    public void Describes_moments_relative_to_now(double hours, UiLanguage language, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddHours(hours), Now, language));

    [Theory]
    [InlineData(7 * 24 * 60, UiLanguage.Nl, "7 dagen")]
    [InlineData((12 * 24 * 60) + (5 * 60), UiLanguage.Nl, "12 dagen en 5 uur")]
    [InlineData((1 * 24 * 60) + (1 * 60), UiLanguage.En, "1 day and 1 hour")]
    [InlineData(60, UiLanguage.En, "1 hour")]
    [InlineData(90, UiLanguage.Nl, "1 uur en 30 minuten")]
    public void Days_and_hours(int minutes, UiLanguage language, string expected) =>
        Assert.Equal(expected, RelativeTime.DaysAndHours(TimeSpan.FromMinutes(minutes), language));
}
