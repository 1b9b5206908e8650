using System.CommandLine;

namespace AiPlusTasks.Cli.Commands;

/// <summary>The options every command takes: the server and an API key.</summary>
public sealed class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:5080";

    public Option<Uri?> Url { get; } = new("--url")
    {
        Description = $"The Host's address (default: AIPLUS_URL, else {DefaultUrl}).",
        Recursive = true,
        CustomParser = result => ParseUrl(result.Tokens[0].Value) ?? Refuse(result),
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "An agency's API key, sent as X-Api-Key (default: AIPLUS_API_KEY). Keys are for an agency's reporting systems: they reach only their agency's tasks and events, so every command here refuses them with 403 (definitions, instances and plan rolls need an NDRC planner; exports a person). Use it for scripts against the task routes.",
        Recursive = true,
    };

    /// <summary>An absolute http(s) address, or null.</summary>
    public static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static Uri? Refuse(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--url {result.Tokens[0].Value}: an http:// or https:// address is expected, e.g. {DefaultUrl}.");
        return null;
    }

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
    }
}
