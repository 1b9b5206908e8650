using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// What people and systems send has size limits (issue 17: a 10 MiB report field made <c>GET /api/tasks/{id}</c> answer
/// 31 MB). The limits here are small (<see cref="SmallLimitsHostFactory"/>) so a test can pass them cheaply; each refusal is
/// a 400 naming the field, and nothing is stored.
/// </summary>
[Trait("Category", "Security")]
public sealed class InputLimitsTests(InputLimitsTests.SmallLimitsHostFactory factory) : IClassFixture<InputLimitsTests.SmallLimitsHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Theory]
    [InlineData("done")]
    [InlineData("next")]
    [InlineData("problems")]
    [InlineData("supportNeeded")]
    public async Task ReportProgress_TextLongerThanTheLimit_Returns400NamingTheField(string field)
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report();
        report[field] = new string('长', 101);

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
        Assert.Empty((await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["reports"]!.AsArray());
    }

    [Fact]
    public async Task ReportProgress_TextAtTheLimit_IsStored()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report();
        report["done"] = new string('长', 100);

        var task = await (await _staff.TaskActionAsync(taskId, "progress-reports", report)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(100, task["reports"]![0]!["done"].Str().Length);
    }

    [Fact]
    public async Task ReportProgress_IndicatorActualsLargerThanTheDataLimit_Returns400NamingThem()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report();
        report["indicatorActuals"] = new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode)new JsonObject { ["code"] = $"indicator-{i}", ["value"] = i })]);

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        Assert.Equal(["indicatorActuals"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_FileLargerThanTheLimit_Returns400NamingItsContent()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report(File("big.pdf", 1025));

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        Assert.Equal(["evidence[0].content"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_MoreFilesThanTheLimit_Returns400NamingEvidence()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report(File("a.txt", 10), File("b.txt", 10), File("c.txt", 10));

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        Assert.Equal(["evidence"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_FilesTogetherLargerThanTheReportLimit_Returns400NamingEvidence()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report(File("a.txt", 1000), File("b.txt", 1000));

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        Assert.Equal(["evidence"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_FileNameLongerThanTheNameLimit_Returns400NamingIt()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report(File(new string('n', 61) + ".txt", 10));

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        Assert.Equal(["evidence[0].fileName"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task CompleteTask_StringInDataLongerThanTheLimit_Returns400NamingItsPointer()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var data = new JsonObject { ["progress"] = 50, ["note"] = new string('x', 200) };

        var response = await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["data/note"], problem.ErrorKeys());
        var task = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal("Open", task["summary"]!["state"].Str());
    }

    [Fact]
    public async Task CompleteTask_DataLargerThanTheDataLimit_Returns400NamingData()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var data = new JsonObject { ["progress"] = 50, ["items"] = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)new string('x', 90))]) };

        var response = await _staff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data });

        Assert.Contains("data", (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task Comment_LongerThanTheLimit_Returns400NamingText()
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        var response = await _staff.TaskActionAsync(taskId, "comments", new { text = new string('评', 101) });

        Assert.Equal(["text"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ImportDefinition_LargerThanTheDefinitionLimit_Returns400NamingTheDefinition()
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out _);
        definition["description"] = new string('d', 40 * 1024);

        var response = await _planner.PostJsonTextAsync(HttpApi.Definitions, definition.ToJsonString());

        Assert.Equal(["definition"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task AmendPlan_ReasonAndDocumentNumberTooLong_Returns400NamingBoth()
    {
        var plans = await _planner.GetJsonAsync("/api/plans");
        var planId = plans["items"]![0]!["id"].Str();

        var response = await _planner.PostAsJsonAsync($"/api/plans/{planId}/amendments", new
        {
            @static = new JsonObject { ["goals"] = "x" },
            reason = new string('r', 101),
            documentNumber = new string('号', 61),
        });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["documentNumber", "reason"], problem.ErrorKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateWebhookSubscription_UrlLongerThanTheLimit_Returns400NamingUrl()
    {
        var response = await _lead.PostAsJsonAsync("/api/webhook-subscriptions", new
        {
            url = "https://receiver.example.gov.cn/" + new string('p', 300),
            eventTypes = new JsonArray("*"),
        });

        Assert.Equal(["url"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public void RequestBodyLimits_FollowTheInputLimits()
    {
        var limits = factory.Services.GetRequiredService<IOptions<InputLimits>>().Value;

        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        var forms = factory.Services.GetRequiredService<IOptions<FormOptions>>().Value;

        Assert.Equal(limits.MaxRequestBodyBytes, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(limits.MaxRequestBodyBytes, forms.MultipartBodyLengthLimit);
        Assert.True(limits.MaxRequestBodyBytes < 30_000_000, "smaller than Kestrel's default with these limits");
    }

    private static JsonObject Report(params JsonObject[] evidence) => new()
    {
        ["done"] = "完成模型选型",
        ["progressPercent"] = 40,
        ["selfColour"] = "Green",
        ["confidence"] = 7,
        ["evidence"] = new JsonArray([.. evidence]),
    };

    private static JsonObject File(string name, int bytes) => new()
    {
        ["fileName"] = name,
        ["contentType"] = "text/plain",
        ["contentBase64"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(new string('e', bytes))),
    };

    /// <summary>A host whose input limits are small enough to pass in a test.</summary>
    public sealed class SmallLimitsHostFactory : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Limits:MaxTextLength"] = "100",
            ["Limits:MaxNameLength"] = "60",
            ["Limits:MaxUrlLength"] = "200",
            ["Limits:MaxDataBytes"] = "4096",
            ["Limits:MaxDefinitionBytes"] = "32768",
            ["Limits:MaxEvidenceFileBytes"] = "1024",
            ["Limits:MaxEvidenceFiles"] = "2",
            ["Limits:MaxEvidenceBytesPerReport"] = "1500",
        };
    }
}
