namespace AiPlusTasks.Engine.Directory;

/// <summary>A user as user administration shows it. Never holds a password or its hash.</summary>
/// <param name="Username">The login name (also the user's id), lower-case <c>[a-z0-9._-]</c>, 3–64 characters.</param>
/// <param name="DisplayName">The person's name, if given.</param>
/// <param name="AgencyCode">The user's agency.</param>
/// <param name="Roles">The user's roles (<see cref="Tasks.Roles"/>), in <see cref="Tasks.Roles.All"/> order.</param>
/// <param name="Status">Disabled wins over a pending password change.</param>
/// <param name="CreatedAt">When the user was created (UTC).</param>
/// <param name="DisabledAt">When the user was disabled; null while enabled.</param>
/// <param name="Email">
/// The user's e-mail address, if any: in full for the user and for NDRC administrators, masked for anyone else
/// (<c>gu***@example.gov.cn</c>, <see cref="ContactDetails.MaskEmail"/>).
/// </param>
/// <param name="Mobile">The user's mobile number (11 digits), if any: in full or masked as <paramref name="Email"/> (<c>138****0001</c>).</param>
public sealed record UserView(
    string Username,
    string? DisplayName,
    string AgencyCode,
    IReadOnlyList<string> Roles,
    UserStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    string? Email = null,
    string? Mobile = null);
