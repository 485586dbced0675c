using Bot.Core.Commands;
using Bot.Core.Kernel;

namespace Bot.Core.Events;

/// <summary>
/// How many people marked themselves interested in each event, where the platform keeps such a list
/// (its own event listing). <c>/events</c> asks the one of the request's platform, if there is one.
/// </summary>
public interface IEventInterest
{
    /// <summary>The platform this count belongs to.</summary>
    PlatformId Platform { get; }

    /// <summary>Interested people per event id for the place the request came from; empty when unknown. Never throws for a platform failure.</summary>
    ValueTask<IReadOnlyDictionary<string, int>> InterestedAsync(CommandRequest request, CancellationToken cancellationToken);
}
