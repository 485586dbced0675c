using Bot.Core.Content;
using Bot.Testing.BotApi;
using Bot.Tests.Support;
using Bot.Tests.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Content;

public sealed class ContentPreloadTests
{
    [Fact]
    public async Task Telegram_connects_while_the_content_is_indexed_and_a_question_waits_for_it()
    {
        using var indexed = new ManualResetEventSlim();
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var starting = TelegramTestHost.StartAsync(api: api, realCore: true, services: s => s.AddSingleton(new ContentSource(() =>
        {
            indexed.Wait(TimeSpan.FromSeconds(30));
            return TestContent.Index;
        })));

        // getMe and deleteWebhook are answered while the index is still being built.
        await api.WaitForAsync("deleteWebhook");
        api.PushUpdate(TelegramUpdates.Message("/summit seoul"));
        Assert.Empty(api.CallsTo("sendMessage"));
        Assert.False(starting.IsCompleted, "the host's start waits for the content, so a broken index still stops it");

        indexed.Set();
        await using var bot = await starting;
        var answer = (await api.WaitForAsync("sendMessage"))[0];
        Assert.Contains("Seoul", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_index_that_cannot_be_built_stops_the_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TelegramTestHost.StartAsync(realCore: true, services: s =>
            s.AddSingleton(new ContentSource(() => throw new IOException("content/summits.md: permission denied")))));

        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_is_built_once_however_many_ask_at_once()
    {
        var builds = 0;
        var source = new ContentSource(() =>
        {
            Interlocked.Increment(ref builds);
            return TestContent.Index;
        });

        var indexes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => source.Index)));

        Assert.Equal(1, builds);
        Assert.All(indexes, index => Assert.Same(TestContent.Index, index));
    }
}
