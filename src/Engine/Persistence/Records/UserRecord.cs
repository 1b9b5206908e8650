namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A user of the directory: one agency, some roles, a hashed password.</summary>
public sealed class UserRecord
{
    public required string Username { get; set; }

    public required string AgencyCode { get; set; }

    /// <summary>Role names, comma-separated (see <c>Tasks.Roles</c>).</summary>
    public required string Roles { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash format.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
