using System.Net;
using System.Text;
using Bot.Core.Delivery;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// Several nodes behind a load balancer, each receiving Telegram's webhooks: a node that does not lead
/// hands what it receives to the leader, so every answer leaves from the node whose limiter counts all
/// of the bot's sends.
/// </summary>
public sealed class TelegramWebhookLeadershipTests
{
    private const string Secret = "s3cret_value-1";

    [SkippableFact]
    public async Task A_node_that_does_not_lead_hands_its_updates_to_the_leader_which_answers_them()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        await using (var schema = Database(connection))
        {
            await schema.InitializeAsync(CancellationToken.None);
        }

        await using var leader = await StartNodeAsync(connection);
        Assert.True(await leader.Host.Services.GetRequiredService<PlatformLeadership>().HoldAsync(CancellationToken.None));
        await using var follower = await StartNodeAsync(connection);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(follower, 1, "/zoek handed"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(leader, 2, "/zoek direct"));

        await leader.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: handed");
        await leader.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: direct");
        Assert.Empty(follower.Api.CallsTo("sendMessage"));

        // Taken once: nothing is left for the next leader to answer again.
        await using var database = Database(connection);
        Assert.Empty(await new LeaderInbox(database, TimeProvider.System).TakeAsync(TelegramPlatform.Id, 10, CancellationToken.None));
    }

    private static Task<TelegramTestHost> StartNodeAsync(string connection) =>
        TelegramTestHost.StartAsync(
            new()
            {
                ["Telegram:Mode"] = "Webhook",
                ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
                ["Telegram:WebhookSecret"] = Secret,
            },
            webhook: true,
            services: s => s
                .AddSingleton(_ => Database(connection))
                .AddSingleton(sp => new PlatformLeadership(sp.GetRequiredService<BotDatabase>()))
                .AddSingleton(sp => new LeaderInbox(sp.GetRequiredService<BotDatabase>(), TimeProvider.System)));

    private static async Task<HttpStatusCode> PostAsync(TelegramTestHost node, int updateId, string text)
    {
        using var http = new HttpClient { BaseAddress = node.WebAddress };
        var update = TelegramUpdates.Message(text);
        update["update_id"] = updateId;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, Secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static BotDatabase Database(string connection) => new(StorageProvider.Postgres, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
}
