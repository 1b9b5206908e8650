using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Users made for the probes of the session routes (refresh, sign-out, password change): one of the probing role's
/// roles and agency, fresh each time, so ending its sessions leaves the walk's shared users alone.
/// </summary>
public static class MatrixUsers
{
    /// <summary>The password of the users made here (meets the policy).</summary>
    public const string Password = "Matrix-Probe-2026";

    /// <summary>Makes a user like the role's (guangdong's for the agency roles, NDRC's otherwise); returns its name.</summary>
    public static async Task<string> CreateAsync(MatrixProbeContext context)
    {
        var role = MatrixFixture.Users.ContainsKey(context.Role) ? context.Role : "agency-staff";
        var agency = MatrixFixture.IsAgencyRole(role) ? MatrixFixture.OwnAgency : "ndrc";
        var name = $"matrix.session{context.Fixture.Next()}";
        await using var scope = context.Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var created = await users.CreateAsync(new UserRecord { Id = name, UserName = name, AgencyCode = agency, Roles = role }, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return name;
    }

    /// <summary>The access and refresh tokens of a fresh user like the role's.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(MatrixProbeContext context)
    {
        var name = await CreateAsync(context);
        var response = await context.Fixture.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = name, password = Password });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
    }
}
