namespace AiPlusTasks.Cli.Connection;

/// <summary>The tokens of one server, as <c>/api/auth/token</c> or <c>/api/auth/refresh</c> gave them.</summary>
public sealed record StoredTokens(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt);
