using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// Users' e-mail address and mobile number (issue 19): seeded with example values, validated (400 naming <c>email</c> or
/// <c>mobile</c>, nothing stored), shown in full to the user and NDRC administrators and masked to agency leads, and kept
/// out of the audit trail. Each test works on users no other test of the class touches.
/// </summary>
[Trait("Category", "Security")]
public sealed class UserContactTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Contact = "/api/account/contact";
    private static readonly string[] Staff = ["agency-staff"];

    [Fact]
    public async Task GetContact_SeededUser_ExampleAddressAndNumberInFull()
    {
        // Act
        var contact = await factory.CreateClientFor("hubei.staff").GetJsonAsync(Contact);

        // Assert
        Assert.Equal("hubei.staff@example.gov.cn", contact["email"].Str());
        Assert.Matches("^1380000[0-9]{4}$", contact["mobile"].Str());
    }

    [Fact]
    public async Task PutContact_Own_StoredNormalisedAndReadBackInFull()
    {
        // Arrange
        var client = factory.CreateClientFor("hunan.staff");

        // Act
        var answer = await (await client.PutAsJsonAsync(Contact, new { email = " li.na@hunan.example.gov.cn ", mobile = "+86 139-1234 5678" })).ExpectAsync(HttpStatusCode.OK);
        var read = await client.GetJsonAsync(Contact);
        var removed = await (await client.PutAsJsonAsync(Contact, new { email = "li.na@hunan.example.gov.cn", mobile = "" })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal("li.na@hunan.example.gov.cn", answer["email"].Str());
        Assert.Equal("13912345678", answer["mobile"].Str());
        Assert.Equal(answer.ToJsonString(), read.ToJsonString());
        Assert.Null(removed["mobile"]);
        Assert.Null((await client.GetJsonAsync(Contact))["mobile"]);
    }

    [Theory]
    [InlineData("not-an-address", "13800000001", "email")]
    [InlineData("a@b", "13800000001", "email")]
    [InlineData("张伟 <zhang@example.gov.cn>", "13800000001", "email")]
    [InlineData("zhang@example.gov.cn", "12800000001", "mobile")]
    [InlineData("zhang@example.gov.cn", "1380000000", "mobile")]
    [InlineData("zhang@example.gov.cn", "010-68501234", "mobile")]
    [InlineData("zhang@example.gov.cn", "138O0000001", "mobile")]
    public async Task PutContact_Malformed_400NamingTheFieldAndNothingChanged(string email, string mobile, string field)
    {
        // Arrange
        var client = factory.CreateClientFor("hebei.staff");
        var before = await client.GetJsonAsync(Contact);

        // Act
        var problem = await (await client.PutAsJsonAsync(Contact, new { email, mobile })).ExpectAsync(HttpStatusCode.BadRequest);

        // Assert
        Assert.Equal([field], problem.ErrorKeys());
        Assert.Equal(before.ToJsonString(), (await client.GetJsonAsync(Contact)).ToJsonString());
    }

    [Fact]
    public async Task ListUsers_Lead_SeesOthersMaskedAndTheOwnInFull_AdministratorSeesAllInFull()
    {
        // Act
        var byLead = (await factory.CreateClientFor("guangdong.lead").GetJsonAsync($"{UsersApi.Users}?agency=guangdong"))["items"]!.AsArray();
        var byAdmin = (await factory.CreateClientFor("ndrc.admin").GetJsonAsync($"{UsersApi.Users}?agency=guangdong"))["items"]!.AsArray();

        // Assert
        var staffSeenByLead = byLead.Single(u => u!["username"].Str() == "guangdong.staff")!;
        var leadSeenByLead = byLead.Single(u => u!["username"].Str() == "guangdong.lead")!;
        var staffSeenByAdmin = byAdmin.Single(u => u!["username"].Str() == "guangdong.staff")!;
        Assert.Equal("gu***@example.gov.cn", staffSeenByLead["email"].Str());
        Assert.Matches(@"^138\*\*\*\*[0-9]{4}$", staffSeenByLead["mobile"].Str());
        Assert.Equal("guangdong.lead@example.gov.cn", leadSeenByLead["email"].Str());
        Assert.Matches("^1380000[0-9]{4}$", leadSeenByLead["mobile"].Str());
        Assert.Equal("guangdong.staff@example.gov.cn", staffSeenByAdmin["email"].Str());
        Assert.Equal(staffSeenByLead["mobile"].Str()[^4..], staffSeenByAdmin["mobile"].Str()[^4..]);
    }

    [Fact]
    public async Task CreateAndPatch_ContactForOthers_SetByLeadAndAdministrator_400sNamingTheField()
    {
        // Arrange
        var lead = factory.CreateClientFor("jiangsu.lead");
        var admin = factory.CreateClientFor("ndrc.admin");

        // Act
        var badCreate = await (await lead.PostAsJsonAsync(UsersApi.Users, new { username = "jiangsu.wang", displayName = "王芳", roles = Staff, email = "wang@", mobile = "12345" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var created = await (await lead.PostAsJsonAsync(UsersApi.Users, new { username = "jiangsu.wang", displayName = "王芳", roles = Staff, email = "wang.fang@jiangsu.example.gov.cn", mobile = "137 1111 2222" }))
            .ExpectAsync(HttpStatusCode.Created);
        var badPatch = await (await lead.PatchUserAsync("jiangsu.wang", new { mobile = "110" })).ExpectAsync(HttpStatusCode.BadRequest);
        var patchedByLead = await (await lead.PatchUserAsync("jiangsu.wang", new { mobile = "136-3333-4444" })).ExpectAsync(HttpStatusCode.OK);
        var patchedByAdmin = await (await admin.PatchUserAsync("jiangsu.wang", new { email = "fang.wang@jiangsu.example.gov.cn" })).ExpectAsync(HttpStatusCode.OK);
        var read = await admin.GetJsonAsync($"{UsersApi.Users}/jiangsu.wang");

        // Assert
        Assert.Equal(["email", "mobile"], badCreate.ErrorKeys().Order(StringComparer.Ordinal));
        Assert.Equal("wa***@jiangsu.example.gov.cn", created["user"]!["email"].Str());
        Assert.Equal("137****2222", created["user"]!["mobile"].Str());
        Assert.Equal(["mobile"], badPatch.ErrorKeys());
        Assert.Equal("136****4444", patchedByLead["mobile"].Str());
        Assert.Equal("fang.wang@jiangsu.example.gov.cn", patchedByAdmin["email"].Str());
        Assert.Equal("13633334444", read["mobile"].Str());
    }

    [Fact]
    public async Task ContactChanges_AuditedWithoutTheValues()
    {
        // Arrange
        var own = factory.CreateClientFor("sichuan.staff");
        var lead = factory.CreateClientFor("sichuan.lead");

        // Act
        await (await own.PutAsJsonAsync(Contact, new { email = "private.person@sichuan.example.gov.cn", mobile = "15955556666" })).ExpectAsync(HttpStatusCode.OK);
        await (await own.PutAsJsonAsync(Contact, new { email = "private.person@", mobile = "15955556666" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await lead.PatchUserAsync("sichuan.staff", new { email = "other.person@sichuan.example.gov.cn", mobile = "18877778888" })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        var trail = factory.Services.GetRequiredService<AuditTrail>();
        var rows = (await trail.ListAsync(new AuditQuery(Take: 1000))).Where(r => r.Target == "sichuan.staff" && r.Action.StartsWith("user.", StringComparison.Ordinal)).OrderBy(r => r.Id).ToList();
        Assert.Equal(
            [("user.contact", AuditOutcomes.Succeeded), ("user.contact", AuditOutcomes.Failed), ("user.update", AuditOutcomes.Succeeded)],
            rows.Select(r => (r.Action, r.Outcome)));
        Assert.Contains("e-mail changed", rows[0].Detail, StringComparison.Ordinal);
        Assert.Contains("mobile changed", rows[2].Detail, StringComparison.Ordinal);
        foreach (var secret in new[] { "private.person", "15955556666", "other.person", "18877778888", "5555", "7777" })
        {
            Assert.All(rows, r => Assert.DoesNotContain(secret, r.Detail ?? "", StringComparison.Ordinal));
        }
    }
}
