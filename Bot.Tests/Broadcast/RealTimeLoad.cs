using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>Tests that wait on real time (load against real limits, cluster fail-over) run alone, never beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeLoad
{
    public const string Name = "Real-time load";
}
