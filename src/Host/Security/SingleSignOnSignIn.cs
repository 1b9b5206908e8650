using System.Net;
using System.Security.Claims;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Host.Security;

// TEMPORARY stub until the Identity core lands (see /tmp/oidc-wip/SingleSignOnSignIn.cs).
public sealed class SingleSignOnSignIn(IConfiguration configuration)
{
    public Task<Caller> SignInAsync(SingleSignOnProvider provider, ClaimsPrincipal external, IPAddress? address, CancellationToken cancellationToken)
    {
        var identity = SingleSignOnClaimMap.Map(provider, external, configuration.GetSection("Security:TwoFactorRoles").Get<string[]>() ?? []);
        _ = address;
        _ = cancellationToken;
        return Task.FromResult(new Caller($"{identity.AgencyCode}.{identity.PreferredName}", identity.AgencyCode, identity.Roles));
    }

    public Task RecordFailureAsync(SingleSignOnProvider provider, Exception? failure, IPAddress? address, CancellationToken cancellationToken)
    {
        _ = (provider, failure, address, cancellationToken);
        return Task.CompletedTask;
    }
}
