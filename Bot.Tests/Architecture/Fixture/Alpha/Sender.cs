namespace Bot.Tests.Architecture.Fixture.Alpha;

/// <summary>For <see cref="CoreLayeringTests"/>: uses Beta only inside a method body, by its fully qualified name.</summary>
internal static class Sender
{
    public static object Send() => new Bot.Tests.Architecture.Fixture.Beta.Parcel();

    /// <summary>A nested type, counted as Alpha's.</summary>
    public enum Priority
    {
        Low,
    }
}
