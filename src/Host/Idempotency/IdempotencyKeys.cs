namespace AiPlusTasks.Host.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header on <c>/api</c> writes (see <see cref="IdempotencyMiddleware"/>).</summary>
public static class IdempotencyKeys
{
    /// <summary>
    /// Replays the first answer to a write retried with the same <c>Idempotency-Key</c>. Goes after authentication and
    /// authorization (the key is scoped to the caller; refused calls are not remembered). A second exception handler
    /// follows it, so a domain error becomes its ProblemDetails inside the idempotency scope and a 4xx answer is stored
    /// like any other; the outer handler still covers everything before.
    /// </summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseExceptionHandler();
        return app;
    }

    /// <summary>Marks a write whose answer must never be stored (see <see cref="IdempotencyExemption"/>).</summary>
    public static RouteHandlerBuilder WithoutIdempotencyKey(this RouteHandlerBuilder builder, string reason) =>
        builder.WithMetadata(new IdempotencyExemption(reason));
}
