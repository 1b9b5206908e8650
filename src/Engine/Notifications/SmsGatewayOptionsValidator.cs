using System.Net;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Checks <see cref="SmsGatewayOptions"/> at start-up and reports every problem at once, each naming its setting.</summary>
public sealed class SmsGatewayOptionsValidator : IValidateOptions<SmsGatewayOptions>
{
    /// <summary>Shortest shared secret.</summary>
    public const int MinSecretLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmsGatewayOptions options)
    {
        var failures = new List<string>();
        var at = SmsGatewayOptions.SectionName;
        if (options.MaxSegments is < 1 or > 10)
        {
            failures.Add($"{at}:MaxSegments must be between 1 and 10 (is {options.MaxSegments}).");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{at}:Timeout must be between 00:00:01 and 00:02:00 (is {options.Timeout}).");
        }

        var signature = options.Signature?.Trim() ?? "";
        if (signature.Length is < 2 or > 20 || signature.Any(char.IsControl))
        {
            failures.Add($"{at}:Signature must be 2 to 20 characters without line breaks, e.g. 【AI+督办】.");
        }

        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{at}:Endpoint must be an absolute https URL (is '{options.Endpoint}').");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            failures.Add($"{at}:Endpoint must be https; plain http only for a gateway on loopback (is '{options.Endpoint}').");
        }
        else if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            failures.Add($"{at}:Endpoint must not hold a user name or password; requests are signed with {at}:Secret.");
        }

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            failures.Add($"{at}:AppId is required when {at}:Endpoint is set: this product's account at the gateway.");
        }

        if (string.IsNullOrEmpty(options.Secret) || options.Secret.Length < MinSecretLength)
        {
            failures.Add($"{at}:Secret is required when {at}:Endpoint is set: at least {MinSecretLength} characters shared with the gateway.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
