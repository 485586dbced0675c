using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;

namespace Bot.Discord;

/// <summary>
/// Posts replies to Discord channels (reminders, announcements): <c>POST /channels/{id}/messages</c>, one
/// message per part of a long reply. Errors become outcomes for the delivery worker as
/// <see cref="DiscordErrors"/> classifies them, with the parts that went before.
/// </summary>
internal sealed class DiscordMessenger(DiscordRestClient rest, UiTexts texts) : IMessenger
{
    public PlatformId Platform => DiscordPlatform.Id;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken) => SendAsync(chat, reply, 0, cancellationToken);

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, int firstPart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (chat.Platform != DiscordPlatform.Id)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"{chat} is not a Discord channel");
        }

        var sent = 0;
        try
        {
            // One attempt per part: the delivery worker owns retries and their timing, and resumes at the part that failed.
            foreach (var message in DiscordReplyMapper.Map(reply, texts.LanguageOf(null)).Skip(firstPart))
            {
                await rest.CreateMessageAsync(chat.ChatId, message, cancellationToken, maxAttempts: 1);
                sent++;
            }

            return DeliveryResult.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex) with { PartsSent = sent };
        }
    }
}
