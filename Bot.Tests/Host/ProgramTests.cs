using Bot.Host;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Host;

[Collection(nameof(ProgramTests))] // the tests change the process's working folder
public sealed class ProgramTests
{
    [Fact]
    public async Task Ask_prints_one_answer_and_exits_zero()
    {
        var (code, output, _) = await RunAsync(["ask", "/summit seoul"]);

        Assert.Equal(0, code);
        Assert.StartsWith("## 2024 Zuid-Korea AI-veiligheidstop (21 en 22 mei)\n", output, StringComparison.Ordinal);
        Assert.Contains("→ https://pauseai.info/summit#2024-south-korea-ai-safety-summit-may-21st-22nd", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_an_english_locale_answers_from_the_english_page()
    {
        var (code, output, _) = await RunAsync(["ask", "/summit seoul", "--locale", "en"]);

        Assert.Equal(0, code);
        Assert.StartsWith("## 2024 South Korea AI Safety Summit", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piped_input_is_answered_line_by_line_and_the_program_ends_at_the_end_of_input()
    {
        var (code, output, _) = await RunAsync([TestPaths.OwnDatabaseArgument()], "/summit bletchley\n\n/verdrag montreal\nozonlaag\n");

        Assert.Equal(0, code);
        Assert.Contains("## 2023 VK AI-veiligheidstop", output, StringComparison.Ordinal);
        Assert.Contains("## Montreal Protocol (1987)", output, StringComparison.Ordinal);
        Assert.Contains("Beste resultaten voor \"ozonlaag\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_previews_an_announcement_with_ask_and_presses_its_button_with_a_second_ask()
    {
        var database = TestPaths.OwnDatabaseArgument();

        var preview = await RunAsync(["ask", "/aankondiging Demo op zaterdag", database]);
        var confirm = System.Text.RegularExpressions.Regex.Match(preview.Output, @"  (![A-Za-z0-9_-]{22})   \(Bevestigen\)");
        var confirmed = await RunAsync(["ask", confirm.Groups[1].Value, database]);
        var again = await RunAsync(["ask", confirm.Groups[1].Value, database]);
        var forged = await RunAsync(["ask", "!AAAAAAAAAAAAAAAAAAAAAA", database]);

        Assert.Equal(0, preview.Code);
        Assert.True(confirm.Success, preview.Output);
        Assert.Equal(0, confirmed.Code);
        Assert.StartsWith("Aankondiging #1 gaat nu naar 0 kanalen", confirmed.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.Code);
        Assert.Contains("al bevestigd", again.Output, StringComparison.Ordinal);
        Assert.Equal((1, "Deze knop ken ik niet (meer). Typ het commando opnieuw.\n"), (forged.Code, forged.Output));
    }

    [Fact]
    public async Task Content_check_lists_what_it_found_and_fails_on_a_broken_page()
    {
        var good = await RunAsync(["content", "check"]);
        var folder = Directory.CreateTempSubdirectory("bot-check-");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.md"), "no front matter\n");
        var bad = await RunAsync(["content", "check", "--path", folder.FullName]);
        folder.Delete(recursive: true);

        Assert.Equal(0, good.Code);
        Assert.Contains("Summit  summit-2024-korea", good.Output, StringComparison.Ordinal);
        Assert.Contains("59 pages loaded, 0 failed.", good.Output, StringComparison.Ordinal);
        Assert.Contains("Problems (0):", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Code);
        Assert.Contains("broken.md:1: The page has no 'title'", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_stop_start_up_with_every_problem_named()
    {
        var (code, _, error) = await RunAsync(["ask", "/help", "--Content:SiteBaseUrl=ftp://x", "--Content:DefaultLanguage=de"]);

        Assert.Equal(1, code);
        Assert.Contains("Content:SiteBaseUrl", error, StringComparison.Ordinal);
        Assert.Contains("Content:DefaultLanguage must be 'nl' or 'en', not 'de'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_prints_the_reminder_schedule_and_ics_the_calendar()
    {
        var schedule = await RunAsync(["events", TestPaths.OwnDatabaseArgument()]);
        var calendar = await RunAsync(["events", "ics", TestPaths.OwnDatabaseArgument()]);

        Assert.Equal(0, schedule.Code);
        Assert.Equal(0, calendar.Code);
        Assert.StartsWith("BEGIN:VCALENDAR", calendar.Output, StringComparison.Ordinal);
        Assert.Contains("Seoul", calendar.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verbs_print_usage()
    {
        var (code, _, error) = await RunAsync(["frobnicate"]);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string input = "")
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TestPaths.RepoRoot;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await BotProgram.RunAsync(args, new StringReader(input), output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
