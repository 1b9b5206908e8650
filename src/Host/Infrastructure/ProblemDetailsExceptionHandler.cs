using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The one place domain exceptions become ProblemDetails: validation → 400 with every field, not found → 404,
/// conflict (bookmark consumed, concurrent change, not published, an Idempotency-Key in flight) → 409, an
/// Idempotency-Key reused for another request → 422; anything else → 500, logged.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DefinitionValidationException e => Validation(
                "The workflow definition is invalid.",
                e.Problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                ("problems", e.Problems)),
            DefinitionFormatException e => Validation(
                "The workflow definition is not readable Elsa 3 JSON.",
                new Dictionary<string, string[]> { [e.Path ?? "body"] = [e.Message] },
                ("line", e.Line),
                ("position", e.Position)),
            RequestValidationException e => Validation(e.Message, e.Errors.ToDictionary()),
            BadHttpRequestException e => Validation(
                "The request is invalid.",
                new Dictionary<string, string[]> { [BadRequestField(e)] = [e.InnerException?.Message ?? e.Message] }),
            NotFoundException e => Simple(StatusCodes.Status404NotFound, "Not found", e.Message),
            GoneException e => Simple(StatusCodes.Status410Gone, "Gone", e.Message),
            ConflictException e => Simple(StatusCodes.Status409Conflict, "Conflict", e.Message),
            ForbiddenException e => Simple(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            IdempotencyKeyReusedException e => Simple(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", e.Message),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The field a bad request names: the parameter of a binding failure (<c>Failed to bind parameter "int? page" from "x"</c>),
    /// the JSON path of a body that does not deserialize (<c>$.selfColour</c> → <c>selfColour</c>), else <c>body</c>.
    /// </summary>
    private static string BadRequestField(BadHttpRequestException exception)
    {
        var match = BindFailure().Match(exception.Message);
        if (match.Success)
        {
            return match.Groups["name"].Value;
        }

        return exception.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : "body";
    }

    [GeneratedRegex("""Failed to bind parameter "(?:[^"]*\s)?(?<name>\w+)" from""")]
    private static partial Regex BindFailure();

    private static HttpValidationProblemDetails Validation(string title, IDictionary<string, string[]> errors, params (string Name, object? Value)[] extensions)
    {
        var problem = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private static ProblemDetails Simple(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
