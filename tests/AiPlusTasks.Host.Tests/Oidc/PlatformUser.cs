namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>A user of the test platform: login and password at the platform, and the claims its ID token carries.</summary>
/// <param name="UserName">The login name at the platform (also its <c>preferred_username</c>).</param>
/// <param name="Password">The password at the platform.</param>
/// <param name="Subject">The platform's stable id of the user (<c>sub</c>).</param>
/// <param name="Claims">Further claims (type, value), e.g. <c>("province", "guangdong")</c>, <c>("role", "staff")</c>; a type may repeat.</param>
public sealed record PlatformUser(string UserName, string Password, string Subject, IReadOnlyList<(string Type, string Value)> Claims);
