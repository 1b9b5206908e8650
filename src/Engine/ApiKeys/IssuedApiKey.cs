namespace AiPlusTasks.Engine.ApiKeys;

/// <summary>A new API key: the only time the key itself is available. Only its SHA-256 is stored.</summary>
/// <param name="ApiKey">The stored key's description.</param>
/// <param name="Key">The key to give the agency's system (<c>apt_</c> + 43 base64url characters).</param>
public sealed record IssuedApiKey(ApiKeyView ApiKey, string Key)
{
    /// <summary>The new key's description with the key shortened to its prefix, so the key cannot reach a log line.</summary>
    public override string ToString() => $"{nameof(IssuedApiKey)} {{ ApiKey = {ApiKey}, Key = {ApiKey.Prefix}… }}";
}
