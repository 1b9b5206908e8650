namespace AiPlusTasks.Engine.Directory;

/// <summary>Which users to list, and which page of them.</summary>
/// <param name="Agency">Only this agency's users (an agency lead only ever sees the own agency's).</param>
/// <param name="Role">Only users holding this role.</param>
/// <param name="Status">Only users in this status.</param>
/// <param name="Text">Words in the login name, the display name or the agency's name (Chinese or English).</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Users per page, 1 to <see cref="UserAdministration.MaxPageSize"/>.</param>
public sealed record UserQuery(
    string? Agency = null,
    string? Role = null,
    UserStatus? Status = null,
    string? Text = null,
    int Page = 1,
    int PageSize = 50);
