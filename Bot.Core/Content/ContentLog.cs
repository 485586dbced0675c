using Microsoft.Extensions.Logging;

namespace Bot.Core.Content;

internal static partial class ContentLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Content problem: {Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Loaded {Pages} pages, {Sections} sections, {Entities} entities from {Folder}")]
    public static partial void Loaded(ILogger logger, int pages, int sections, int entities, string folder);
}
