namespace AiPlusTasks.Engine.Directory;

/// <summary>A user's own contact details, in full (<see cref="UserAdministration.GetContactAsync"/>).</summary>
/// <param name="Email">The e-mail address notifications are sent to; null when none.</param>
/// <param name="Mobile">The mainland mobile number (11 digits) text messages are sent to; null when none.</param>
public sealed record UserContact(string? Email, string? Mobile);
