using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>The paging rules every list endpoint shares: <c>page</c> from 1 (default 1), <c>pageSize</c> 1–200 (default 50).</summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <exception cref="RequestValidationException">A value is out of range; the field is named.</exception>
    public static (int Page, int PageSize) Validate(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["page must be 1 or more"];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}"];
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : (page ?? 1, pageSize ?? DefaultPageSize);
    }
}
