namespace AiPlusTasks.Engine;

/// <summary>One page of a list: the items, the total count, and the page asked for.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageNumber, int PageSize);
