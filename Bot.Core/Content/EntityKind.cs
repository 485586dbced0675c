namespace Bot.Core.Content;

/// <summary>What an entity found in the content is.</summary>
public enum EntityKind
{
    Summit,
    Treaty,
    Agenda,
}
