namespace AiPlusTasks.Web.Components;

/// <summary>Why a page shows a notice instead of its content: what the service it called refused (docs/decisions/014).</summary>
public enum Refusal
{
    /// <summary>The service threw a <c>ForbiddenException</c> (the API answers 403).</summary>
    Forbidden,

    /// <summary>The service threw a <c>NotFoundException</c> (the API answers 404).</summary>
    NotFound,
}
