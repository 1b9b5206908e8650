using AiPlusTasks.Engine.Directory;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Checks <see cref="EmailOptions"/> at start-up and reports every problem at once, each naming its setting.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        var at = EmailOptions.SectionName;
        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{at}:Security must be one of {string.Join(", ", Enum.GetNames<EmailSecurity>())}.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{at}:Timeout must be between 00:00:01 and 00:05:00 (is {options.Timeout}).");
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{at}:Host must be a host name or an IP address (is '{options.Host}').");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{at}:Port must be between 1 and 65535 (is {options.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add($"{at}:From is required when {at}:Host is set: the sender's e-mail address.");
        }
        else if (ContactDetails.NormalizeEmail(options.From) is null)
        {
            failures.Add($"{at}:From must be an e-mail address such as duban@ndrc.gov.cn (is '{options.From}').");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{at}:UserName and {at}:Password are set together, or neither (no authentication).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
