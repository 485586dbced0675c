using Bot.Core.Commands;
using Bot.Core.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host;

/// <summary>
/// The events as a calendar to subscribe to: <c>/events.ics</c> (every event), <c>/events/summit.ics</c>
/// or <c>/events.ics?kind=summit</c> (one kind), in Dutch or <c>?lang=en</c>.
/// </summary>
internal static class CalendarEndpoints
{
    /// <summary>The media type of iCalendar (RFC 5545 section 8.1).</summary>
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Maps the calendar endpoints.</summary>
    public static IEndpointRouteBuilder MapEventCalendar(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/events.ics", (HttpContext context, string? kind, string? lang) => ServeAsync(context, kind, lang));
        endpoints.MapGet("/events/{kind}.ics", (HttpContext context, string kind, string? lang) => ServeAsync(context, kind, lang));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, string? kindText, string? lang)
    {
        EventKind? kind = null;
        if (!string.IsNullOrEmpty(kindText))
        {
            if (!Enum.TryParse<EventKind>(kindText, ignoreCase: true, out var parsed) || int.TryParse(kindText, out _))
            {
                return Results.NotFound("Unknown kind; use summit, protest or other.");
            }

            kind = parsed;
        }

        var services = context.RequestServices;
        var language = services.GetRequiredService<UiTexts>().LanguageOf(lang);
        var text = await services.GetRequiredService<EventCalendar>().RenderAsync(kind, language, context.RequestAborted);
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(text, ContentType);
    }
}
