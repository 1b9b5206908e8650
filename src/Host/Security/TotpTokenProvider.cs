using System.Globalization;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Identity's authenticator token provider, on RFC 6238 (TOTP: SHA-1, 6 digits, 30-second steps, as authenticator apps
/// use) over the user's authenticator key, on the host's <see cref="TimeProvider"/>. A code of the step before or after
/// the current one is accepted (clock drift), and each step's code is accepted once: the last step used is kept with the
/// user, so a code seen over a shoulder or replayed from a log does not sign in again.
/// </summary>
internal sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<UserRecord>
{
    private const string Store = "[AiPlusTasks]";
    private const string LastStepName = "LastTotpStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<UserRecord> manager, UserRecord user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Authenticator codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<UserRecord> manager, UserRecord user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserRecord> manager, UserRecord user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, Store, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}
