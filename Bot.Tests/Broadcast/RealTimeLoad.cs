using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>Tests that measure real time against real limits run alone, never beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeLoad
{
    public const string Name = "Real-time load";
}
