using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests;

/// <summary>The calls the user administration tests make: create and reset users, sign in with a password.</summary>
public static class UsersApi
{
    public const string Users = "/api/users";

    /// <summary>Creates a user; expects 201 and returns the answer (<c>user</c>, <c>oneTimePassword</c>).</summary>
    public static async Task<JsonNode> CreateUserAsync(this HttpClient manager, string username, string displayName, string[] roles, string? agency = null) =>
        await (await manager.PostAsJsonAsync(Users, new { username, displayName, agency, roles })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>POSTs to one of a user's actions (<c>disable</c>, <c>enable</c>, <c>reset-password</c>) and returns the response as it is.</summary>
    public static Task<HttpResponseMessage> UserActionAsync(this HttpClient client, string username, string action) =>
        client.PostAsync(new Uri($"{Users}/{username}/{action}", UriKind.Relative), null);

    /// <summary>PATCHes a user and returns the response as it is.</summary>
    public static Task<HttpResponseMessage> PatchUserAsync(this HttpClient client, string username, object body) =>
        client.PatchAsJsonAsync($"{Users}/{username}", body);

    /// <summary>Asks for a bearer token and returns the response as it is.</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(this HostFactory factory, string username, string password) =>
        factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username, password });

    /// <summary>A client with a fresh bearer token of the user (not cached, unlike <see cref="HostFactory.CreateClientFor"/>).</summary>
    public static async Task<HttpClient> SignInWithTokenAsync(this HostFactory factory, string username, string password = HostFactory.Password)
    {
        var token = await (await factory.RequestTokenAsync(username, password)).ExpectAsync(HttpStatusCode.OK);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"].Str());
        return client;
    }
}
