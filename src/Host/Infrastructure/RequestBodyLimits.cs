using AiPlusTasks.Engine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The Host's request body limits follow the engine's <see cref="InputLimits"/>: Kestrel refuses a body larger than
/// <see cref="InputLimits.MaxRequestBodyBytes"/> (413) before reading it, and forms (multipart sections included) take
/// no more, instead of Kestrel's own 30 MB and the form reader's 128 MB defaults.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Binds Kestrel's and the form reader's body limits to <see cref="InputLimits"/>.</summary>
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<InputLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<InputLimits>>((form, limits) =>
        {
            form.MultipartBodyLengthLimit = limits.Value.MaxRequestBodyBytes;
            form.ValueLengthLimit = limits.Value.MaxDataBytes;
        });
        return services;
    }
}
