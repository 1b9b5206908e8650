namespace AiPlusTasks.Web;

/// <summary>A unified identity platform (统一身份认证) staff may sign in with: one button on the sign-in page.</summary>
/// <param name="Provider">The provider's short name; its button posts to <c>/account/external/{Provider}</c>.</param>
/// <param name="ChineseName">The platform's name in Chinese (e.g. 广东省统一身份认证).</param>
/// <param name="EnglishName">The platform's name in English (e.g. Guangdong unified identity).</param>
public sealed record SingleSignOnPlatform(string Provider, string ChineseName, string EnglishName);
