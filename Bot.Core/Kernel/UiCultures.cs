using System.Globalization;

namespace Bot.Core.Kernel;

/// <summary>
/// The Dutch and English cultures for dates and numbers, built from our own table so the process needs no ICU
/// (it runs with invariant globalization). Each is the invariant culture with the names, designators, patterns
/// and separators that ICU gives for nl-NL and en-GB; read-only, built once.
/// </summary>
public static class UiCultures
{
    /// <summary>Dutch as written in the Netherlands: "maandag 2 maart 2026, 14:00", "1.200".</summary>
    public static CultureInfo Dutch { get; } = Build(
        days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
        shortestDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
        months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        am: "a.m.",
        pm: "p.m.",
        datePatterns: new DatePatterns("-", "dd-MM-yyyy", "dddd d MMMM yyyy"),
        group: ".",
        decimalPoint: ",");

    /// <summary>English as written in the United Kingdom: "Monday 2 March 2026", "1,200", "am"/"pm".</summary>
    public static CultureInfo English { get; } = Build(
        days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        shortestDays: ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
        am: "am",
        pm: "pm",
        datePatterns: new DatePatterns("/", "dd/MM/yyyy", "dddd, d MMMM yyyy"),
        group: ",",
        decimalPoint: ".");

    /// <summary>The culture for dates and numbers in a UI language.</summary>
    public static CultureInfo For(UiLanguage language) => language == UiLanguage.En ? English : Dutch;

    private static CultureInfo Build(
        string[] days,
        string[] shortDays,
        string[] shortestDays,
        string[] months,
        string[] shortMonths,
        string am,
        string pm,
        DatePatterns datePatterns,
        string group,
        string decimalPoint)
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var dates = culture.DateTimeFormat;
        dates.DayNames = days;
        dates.AbbreviatedDayNames = shortDays;
        dates.ShortestDayNames = shortestDays;

        // The month arrays have a 13th (empty) entry for calendars with 13 months. The genitive names ("2 maart") are
        // set to the same words: left as the invariant culture's English they would be used whenever a day is written.
        string[] months13 = [.. months, string.Empty];
        string[] shortMonths13 = [.. shortMonths, string.Empty];
        dates.MonthNames = months13;
        dates.MonthGenitiveNames = months13;
        dates.AbbreviatedMonthNames = shortMonths13;
        dates.AbbreviatedMonthGenitiveNames = shortMonths13;

        dates.AMDesignator = am;
        dates.PMDesignator = pm;
        dates.FirstDayOfWeek = DayOfWeek.Monday;
        dates.CalendarWeekRule = CalendarWeekRule.FirstFourDayWeek;
        dates.DateSeparator = datePatterns.Separator;
        dates.ShortDatePattern = datePatterns.Short;
        dates.LongDatePattern = datePatterns.Long;
        dates.FullDateTimePattern = datePatterns.Long + " HH:mm:ss";
        dates.ShortTimePattern = "HH:mm";
        dates.LongTimePattern = "HH:mm:ss";
        dates.MonthDayPattern = "d MMMM";
        dates.YearMonthPattern = "MMMM yyyy";

        var numbers = culture.NumberFormat;
        numbers.NumberGroupSeparator = group;
        numbers.NumberDecimalSeparator = decimalPoint;
        numbers.PercentGroupSeparator = group;
        numbers.PercentDecimalSeparator = decimalPoint;
        numbers.PercentPositivePattern = 1; // "12,5%", no space
        numbers.PercentNegativePattern = 1;
        return CultureInfo.ReadOnly(culture);
    }

    private sealed record DatePatterns(string Separator, string Short, string Long);
}
