using Bot.Core.Delivery;
using Bot.Telegram.Api;
using Telegram.Bot;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// <see cref="TelegramErrors"/> on what the real Telegram.Bot client throws for the Bot API's answers over
/// the wire: one case per classification, and one per description that means the chat is gone.
/// </summary>
public sealed class TelegramErrorTests
{
    public static TheoryData<int, string, DeliveryOutcome> Answers => new()
    {
        { 403, "Forbidden: bot was blocked by the user", DeliveryOutcome.Gone },
        { 403, "Forbidden: bot was kicked from the group chat", DeliveryOutcome.Gone },
        { 403, "Forbidden: bot was kicked from the supergroup chat", DeliveryOutcome.Gone },
        { 403, "Forbidden: bot is not a member of the channel chat", DeliveryOutcome.Gone },
        { 403, "Forbidden: user is deactivated", DeliveryOutcome.Gone },
        { 400, "Bad Request: chat not found", DeliveryOutcome.Gone },
        { 400, "Bad Request: group chat was upgraded to a supergroup chat", DeliveryOutcome.Gone },
        { 400, "Bad Request: have no rights to send a message", DeliveryOutcome.Gone },
        { 400, "Bad Request: not enough rights to send text messages to the chat", DeliveryOutcome.Gone },
        { 400, "Bad Request: need administrator rights in the channel chat", DeliveryOutcome.Gone },
        { 400, "Bad Request: message text is empty", DeliveryOutcome.Failed },
        // A description that merely contains a gone form is about something else (the old substring match took it for gone).
        { 400, "Bad Request: can't parse entities: Unsupported start tag \"chat not found\" at byte offset 0", DeliveryOutcome.Failed },
        { 401, "Unauthorized", DeliveryOutcome.Unauthorized },
        { 404, "Not Found", DeliveryOutcome.Unauthorized },
        { 429, "Too Many Requests: retry after 7", DeliveryOutcome.RateLimited },
        { 500, "Internal Server Error", DeliveryOutcome.Retry },
        { 502, "Bad Gateway", DeliveryOutcome.Retry },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Each_answer_of_the_bot_api_is_classified_once_for_every_path(int code, string description, DeliveryOutcome expected)
    {
        var result = await ClassifyAsync(FakeResponse.Error(code, description, retryAfter: code == 429 ? 7 : null));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal($"Telegram {code}: {description}", result.Reason);
        Assert.Equal(code == 429 ? TimeSpan.FromSeconds(7) : null, result.RetryAfter);
    }

    [Fact]
    public void Every_gone_description_has_its_case()
    {
        var described = Answers.Select(row => (string)row[1]).ToHashSet();
        Assert.All(TelegramErrors.GoneDescriptions, form => Assert.Contains(form, described));
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_is_gone_and_the_reason_names_the_new_chat()
    {
        var result = await ClassifyAsync(FakeResponse.Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: -100_777));

        Assert.Equal(DeliveryOutcome.Gone, result.Outcome);
        Assert.Contains("-100777", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(502, "<html>Bad Gateway</html>", DeliveryOutcome.Retry)]
    [InlineData(503, "", DeliveryOutcome.Retry)]
    [InlineData(429, "", DeliveryOutcome.RateLimited)]
    public async Task An_answer_that_is_not_the_bot_apis_json_is_classified_by_its_status(int status, string body, DeliveryOutcome expected)
    {
        var result = await ClassifyAsync(new FakeResponse(status, body));

        Assert.Equal(expected, result.Outcome);
    }

    private static async Task<DeliveryResult> ClassifyAsync(FakeResponse answer)
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        api.Enqueue("sendMessage", answer);
        using var http = new HttpClient();
        var client = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, api.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, http);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.SendMessage(42, "hi"));

        var result = TelegramErrors.Classify(error);
        Assert.DoesNotContain(TelegramTestHost.Token.Split(':')[1], result.Reason, StringComparison.Ordinal);
        return result;
    }
}
