namespace Bot.Tests.Architecture.Fixture.Beta;

/// <summary>For <see cref="CoreLayeringTests"/>: uses Alpha only as a generic argument of a property's type.</summary>
internal sealed class Parcel
{
    public IReadOnlyList<Bot.Tests.Architecture.Fixture.Alpha.Sender.Priority> Priorities { get; init; } = [];
}
