using System.Security.Cryptography;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Host.Idempotency;

/// <summary>
/// For a POST, PUT, PATCH or DELETE under <c>/api</c> by a signed-in caller with an <c>Idempotency-Key</c>: the first
/// request runs and its status, content type and body are stored (unless it failed with a 5xx, so a retry runs again);
/// a retry with the same key, method, path and body gets that answer with <c>Idempotent-Replayed: true</c> and runs
/// nothing. The key with another request is a 422, while the first still runs a 409; a malformed key a 400. Agency
/// systems must send the header (400 naming it). The rules and the storage are <see cref="IdempotencyStore"/>'s.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    /// <summary>The response header marking a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsWrite(request.Method) || !request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var values = request.Headers[IdempotencyStore.HeaderName];
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotencyExemption>() is { } exemption)
        {
            if (values.Count > 0)
            {
                throw RequestValidationException.For(IdempotencyStore.HeaderName, exemption.Reason);
            }

            await next(context);
            return;
        }

        // Anonymous writes (signing in) have no caller to scope a key to; every other /api route needs one.
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var caller = CallerClaims.ToCaller(context.User);
        if (!IdempotencyStore.ValidateKey(caller, [.. values]))
        {
            await next(context);
            return;
        }

        var claim = await store.BeginAsync(
            new IdempotentRequest(caller.AgencyCode, caller.Name, values[0]!, request.Method, request.Path + request.QueryString, await HashBodyAsync(request, context.RequestAborted)),
            context.RequestAborted);
        if (claim.Replay is { } replay)
        {
            await WriteAsync(context.Response, replay, context.RequestAborted);
            return;
        }

        await RunAndStoreAsync(context, claim.ReservationId!.Value);
    }

    private async Task RunAndStoreAsync(HttpContext context, long reservationId)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            if (response.StatusCode < StatusCodes.Status500InternalServerError)
            {
                // The request's work is committed: store its answer even if the client has gone meanwhile.
                await store.CompleteAsync(
                    reservationId,
                    new StoredResponse(response.StatusCode, response.ContentType, response.Headers.Location.FirstOrDefault(), buffer.ToArray()),
                    CancellationToken.None);
                stored = true;
            }
        }
        finally
        {
            response.Body = original;
            if (!stored)
            {
                await store.AbandonAsync(reservationId, CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpResponse response, StoredResponse replay, CancellationToken cancellationToken)
    {
        response.StatusCode = replay.StatusCode;
        response.Headers[ReplayedHeader] = "true";
        if (replay.ContentType is not null)
        {
            response.ContentType = replay.ContentType;
        }

        if (replay.Location is not null)
        {
            response.Headers.Location = replay.Location;
        }

        if (replay.Body.Length > 0)
        {
            await response.Body.WriteAsync(replay.Body, cancellationToken);
        }
    }

    private static async Task<byte[]> HashBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered so the endpoint reads the body again after it was hashed.
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, cancellationToken);
        request.Body.Position = 0;
        return hash;
    }

    internal static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
