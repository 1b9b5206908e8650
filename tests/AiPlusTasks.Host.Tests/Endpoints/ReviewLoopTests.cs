using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// The review loop over HTTP on <c>workflows/province-task.json</c>: a report step submitted with its evidence, the unit's
/// sign-off, the lead agency's return (a reason required), the case (reports, timeline, steps) and evidence downloads.
/// </summary>
public sealed class ReviewLoopTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly byte[] Pdf = Encoding.UTF8.GetBytes("%PDF-1.7 广东 试点验收 acceptance\n");

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _miitLead = factory.CreateClientFor("miit.lead");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    [Fact]
    public async Task CompleteTask_ReturnedWithoutReason_Returns400NamingDataReason()
    {
        // Arrange
        var correlation = await StartAsync();
        await SubmitWithEvidenceAsync(correlation);
        var signoff = await _lead.OpenCaseTaskAsync("signoff", correlation);

        // Act
        var blank = await _lead.TaskActionAsync(signoff, "complete", new { outcome = "Returned", data = new { reason = "  " } });
        var none = await _lead.TaskActionAsync(signoff, "complete", new { outcome = "Returned" });

        // Assert
        Assert.Equal(["data/reason"], (await blank.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Contains("data/reason", (await none.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        var still = await _lead.GetJsonAsync($"{HttpApi.Tasks}/{signoff}");
        Assert.Equal("Open", still["summary"]!["state"].Str());
    }

    [Fact]
    public async Task ReportProgress_SubmitWithEvidence_RecordsTheReportAndCompletesTheStep()
    {
        // Arrange
        var correlation = await StartAsync();

        // Act
        var submitted = await SubmitWithEvidenceAsync(correlation);

        // Assert
        Assert.Equal(("Completed", "Submitted", "guangdong.staff"), (submitted["summary"]!["state"].Str(), submitted["outcome"].Str(), submitted["completedBy"].Str()));
        var report = Assert.Single(submitted["reports"]!.AsArray())!;
        Assert.Equal((45, "Yellow", 6, true), (report["progressPercent"].Int(), report["selfColour"].Str(), report["confidence"].Int(), report["submitted"]!.GetValue<bool>()));
        var file = Assert.Single(report["evidence"]!.AsArray())!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(("试点验收.pdf", "application/pdf", Pdf.Length, sha), (file["fileName"].Str(), file["contentType"].Str(), file["size"].Int(), file["sha256"].Str()));
        Assert.Equal($"/api/tasks/{submitted["summary"]!["id"].Str()}/evidence/{sha}", file["downloadUrl"].Str());
        Assert.Equal(sha, submitted["result"]!["evidence"]![0]!["sha256"].Str());
        Assert.Equal(["ProgressReported", "Completed"], submitted["history"]!.AsArray().Select(h => h!["action"].Str()).Where(a => a is "ProgressReported" or "Completed"));
        var signoff = await _lead.GetJsonAsync($"{HttpApi.Tasks}/{await _lead.OpenCaseTaskAsync("signoff", correlation)}");
        Assert.Equal(sha, Assert.Single(signoff["reports"]!.AsArray())!["evidence"]![0]!["sha256"].Str());
        Assert.Equal(
            [("task", "Done"), ("report", "Done"), ("signoff", "Current"), ("review", "Upcoming"), ("closure", "Upcoming"), ("verification", "Upcoming")],
            signoff["steps"]!.AsArray().Select(s => (s!["kind"].Str(), s["state"].Str())));
    }

    [Fact]
    public async Task ReportProgress_SubmitWithUnstoredEvidenceReference_Returns400NamingTheEntry()
    {
        // Arrange
        var correlation = await StartAsync();
        var reportId = await _staff.OpenCaseTaskAsync("report", correlation);
        var data = ReportData(40);
        data["evidence"] = new JsonArray(new JsonObject { ["fileName"] = "x.pdf", ["sha256"] = new string('a', 64) });

        // Act
        var response = await _staff.TaskActionAsync(reportId, "complete", new { outcome = "Submitted", data });

        // Assert
        Assert.Equal(["data/evidence/0"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task GetEvidence_ByWhoeverSeesATaskOfTheCase_ReturnsTheFile_AnotherProvince404()
    {
        // Arrange
        var correlation = await StartAsync();
        var submitted = await SubmitWithEvidenceAsync(correlation);
        var reportId = submitted["summary"]!["id"].Str();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        var signoff = await _lead.OpenCaseTaskAsync("signoff", correlation);
        await _lead.CompleteTaskAsync(signoff, "Approved", new JsonObject { ["opinion"] = "同意报送" });
        var review = await _miitLead.OpenCaseTaskAsync("review", correlation);

        // Act
        var byStaff = await _staff.GetRawAsync($"{HttpApi.Tasks}/{reportId}/evidence/{sha}");
        var byReviewer = await _miitLead.GetRawAsync($"{HttpApi.Tasks}/{review}/evidence/{sha}");
        var byOtherProvince = await _hubei.GetRawAsync($"{HttpApi.Tasks}/{reportId}/evidence/{sha}");
        var unknownFile = await _staff.GetRawAsync($"{HttpApi.Tasks}/{reportId}/evidence/{new string('b', 64)}");
        var otherCase = await _staff.OpenCaseTaskAsync("report", await StartAsync());
        var throughOtherCase = await _staff.GetRawAsync($"{HttpApi.Tasks}/{otherCase}/evidence/{sha}");

        // Assert
        foreach (var response in new[] { byStaff, byReviewer })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("试点验收.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())));
        }

        Assert.Equal(HttpStatusCode.NotFound, byOtherProvince.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughOtherCase.StatusCode);
    }

    [Fact]
    public async Task GetTask_AfterAReturn_ReissuedReportIsPrefilledAndTheTimelineHoldsTheWholeCase()
    {
        // Arrange: submitted with evidence, signed off, returned by the lead agency with a reason.
        var correlation = await StartAsync();
        var first = await SubmitWithEvidenceAsync(correlation);
        await _lead.CompleteTaskAsync(await _lead.OpenCaseTaskAsync("signoff", correlation), "Approved", new JsonObject { ["opinion"] = "同意报送" });
        var review = await _miitLead.OpenCaseTaskAsync("review", correlation);
        await _miitLead.CompleteTaskAsync(review, "Returned", new JsonObject { ["reason"] = "请补充验收报告" });

        // Act
        var reissued = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{await _staff.OpenCaseTaskAsync("report", correlation)}");

        // Assert: the reason, who returned it, and the earlier report (evidence included) as the form's start.
        Assert.Equal("请补充验收报告", reissued["returnReason"].Str());
        Assert.Equal(("miit.lead", "review", "请补充验收报告"), (reissued["return"]!["by"].Str(), reissued["return"]!["step"].Str(), reissued["return"]!["reason"].Str()));
        Assert.Equal((1, "Yellow"), (reissued["summary"]!["returnCount"].Int(), reissued["summary"]!["colour"].Str()));
        Assert.Equal((45, "完成 45% 的试点"), (reissued["prefill"]!["progressPercent"].Int(), reissued["prefill"]!["done"].Str()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), reissued["prefill"]!["evidence"]![0]!["sha256"].Str());
        Assert.Equal(first["summary"]!["id"].Str(), Assert.Single(reissued["reports"]!.AsArray())!["taskId"].Str());

        var timeline = reissued["timeline"]!.AsArray().Select(e => (Step: e!["step"].Str(), Action: e["action"].Str(), Actor: e["actor"].Str(), Reason: e["data"]?["reason"]?.GetValue<string>())).ToList();
        Assert.Contains(("report", "ProgressReported", "guangdong.staff", (string?)null), timeline);
        Assert.Contains(("signoff", "Completed", "guangdong.lead", (string?)null), timeline);
        Assert.Contains(("review", "Completed", "miit.lead", "请补充验收报告"), timeline);
        var reported = timeline.IndexOf(("report", "ProgressReported", "guangdong.staff", null));
        var returned = timeline.IndexOf(("review", "Completed", "miit.lead", "请补充验收报告"));
        var reissue = timeline.FindLastIndex(e => e is { Step: "report", Action: "Created" });
        Assert.True(reported < returned && returned < reissue, string.Join(" | ", timeline));
        Assert.Equal(timeline.Count, reissued["timeline"]!.AsArray().Select(e => e!["at"].Str()).Count());
        var steps = reissued["steps"]!.AsArray().Select(s => (s!["kind"].Str(), s["state"].Str())).Take(3);
        Assert.Equal([("task", "Done"), ("report", "Current"), ("signoff", "Upcoming")], steps);
    }

    private async Task<string> StartAsync()
    {
        var correlation = "LOOP-" + Guid.NewGuid().ToString("N")[..8];
        await _planner.StartAsync("province-task", correlation, new JsonObject
        {
            ["agency"] = "guangdong",
            ["title"] = "人工智能+制造业试点",
            ["pillar"] = "action.industry.manufacturing",
            ["leadAgency"] = "miit",
            ["dueAt"] = "P30D",
        });
        await _staff.CompleteTaskAsync(await _staff.OpenCaseTaskAsync("task", correlation), "Submitted", new JsonObject { ["measures"] = "广州、深圳先行" });
        return correlation;
    }

    /// <summary>Submits the case's open report step through <c>progress-reports</c> with <c>submit: true</c> and one PDF.</summary>
    private async Task<JsonNode> SubmitWithEvidenceAsync(string correlation)
    {
        var reportId = await _staff.OpenCaseTaskAsync("report", correlation);
        return await (await _staff.TaskActionAsync(reportId, "progress-reports", new
        {
            done = "完成 45% 的试点",
            next = "扩大试点",
            progressPercent = 45,
            selfColour = "Yellow",
            confidence = 6,
            evidence = new[] { new { fileName = "试点验收.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(Pdf) } },
            submit = true,
        })).ExpectAsync(HttpStatusCode.OK);
    }

    private static JsonObject ReportData(int percent) => new()
    {
        ["done"] = $"完成 {percent}%",
        ["progressPercent"] = percent,
        ["selfColour"] = "Green",
        ["confidence"] = 7,
    };
}
