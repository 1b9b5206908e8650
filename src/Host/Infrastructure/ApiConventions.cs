using System.Text.Json.Serialization;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>JSON (camelCase, enums as names), ProblemDetails for every error, and bad request bodies surfaced as 400s.</summary>
public static class ApiConventions
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }

    /// <summary>Prints where the product is reachable once Kestrel listens.</summary>
    public static void AnnounceUrls(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                app.Logger.LogInformation("AiPlusTasks is running at {Url} (API reference: {Url}/scalar, health: {Url}/health)", url, url, url);
            }
        });
}
