using Microsoft.AspNetCore.Identity;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// A user of the directory, on ASP.NET Core Identity: one credential, one agency, some roles. The key is the login name
/// (<c>Id == UserName</c>, e.g. <c>guangdong.staff</c>), so task rows and histories that name a user stay readable.
/// </summary>
public sealed class UserRecord : IdentityUser
{
    public required string AgencyCode { get; set; }

    /// <summary>Role names, comma-separated (see <c>Tasks.Roles</c>).</summary>
    public required string Roles { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The password was set by someone else (created, reset): the user must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an administrator disabled the user; a disabled user cannot sign in and their sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
