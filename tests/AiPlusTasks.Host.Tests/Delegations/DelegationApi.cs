using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Delegations;

/// <summary>The calls the delegation tests make: fresh colleagues, delegations, and tasks assigned to a person.</summary>
public static class DelegationApi
{
    public const string Delegations = "/api/delegations";

    private const string ChosenPassword = "Lingnan2027Delegate";

    /// <summary>Today in China time by the host's clock.</summary>
    public static DateOnly Today(this HostFactory factory) =>
        AiPlusTasks.Workflows.Execution.WorkingDays.LocalDate(factory.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    /// <summary>
    /// A fresh user of the agency (made by the NDRC administrator, its one-time password changed) and a client signed in
    /// as them, so each test's delegations meet no other test's.
    /// </summary>
    public static async Task<(string Name, HttpClient Client)> ColleagueAsync(this HostFactory factory, string agency = "guangdong", string role = "agency-staff", string displayName = "代理测试")
    {
        var name = $"{agency}.dlg-{Guid.NewGuid().ToString("N")[..10]}";
        var created = await factory.CreateClientFor("ndrc.admin").CreateUserAsync(name, displayName, [role], agency);
        await (await factory.CreateClient().PostAsJsonAsync("/api/account/password", new { username = name, currentPassword = created["oneTimePassword"].Str(), newPassword = ChosenPassword }))
            .ExpectAsync(HttpStatusCode.NoContent);
        return (name, await factory.SignInWithTokenAsync(name, ChosenPassword));
    }

    /// <summary>POSTs a delegation and returns the response as it is.</summary>
    public static Task<HttpResponseMessage> DelegateAsync(this HttpClient client, object body) => client.PostAsJsonAsync(Delegations, body);

    /// <summary>Delegates <paramref name="from"/>'s work (through <paramref name="client"/>, the delegator or their lead) to <paramref name="to"/>; expects 201.</summary>
    public static async Task<JsonNode> DelegateAsync(this HttpClient client, string? from, string to, DateOnly startsOn, DateOnly endsOn, string? planId = null, string? pillar = null) =>
        await (await client.DelegateAsync(new { fromUser = from, toUser = to, startsOn, endsOn, planId, pillar, reason = "休假 leave" })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>
    /// As an NDRC planner, starts <paramref name="fixture"/> with its <paramref name="activityId"/> assigned to a user (and
    /// optionally a role and pillar) of guangdong; returns the task id.
    /// </summary>
    public static async Task<string> StartAssignedTaskAsync(this HttpClient planner, string? user, string? role = null, string? pillar = null, string fixture = HttpApi.HumanTaskFixture, string activityId = "report1")
    {
        var definition = DefinitionFixtures.Load(fixture, out var definitionId);
        if (user is not null)
        {
            definition.WithLiteral(activityId, "assigneeUser", user);
        }

        if (role is not null)
        {
            definition.WithLiteral(activityId, "assigneeRole", role);
        }

        if (pillar is not null)
        {
            definition.WithLiteral(activityId, "pillar", pillar);
        }

        await planner.ImportAsync(definition);
        await planner.PublishAsync(definitionId);
        var instance = await planner.StartAsync(definitionId);
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    /// <summary>The caller's "mine" view.</summary>
    public static async Task<JsonArray> MineAsync(this HttpClient client) =>
        (await client.GetJsonAsync($"{HttpApi.Tasks}?view=mine&pageSize=200"))["items"]!.AsArray();
}
