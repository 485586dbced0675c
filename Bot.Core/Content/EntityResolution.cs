namespace Bot.Core.Content;

/// <summary>The outcome of looking up a name.</summary>
/// <param name="Best">The one clear answer, or null.</param>
/// <param name="Candidates">Close matches when there is no single clear answer, best first; the weaker matches when nothing matched well.</param>
/// <param name="IsAmbiguous">True when the candidates all match well and the user must pick one.</param>
public sealed record EntityResolution(EntityMatch? Best, IReadOnlyList<EntityMatch> Candidates, bool IsAmbiguous = false);
