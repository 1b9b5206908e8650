using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>Claim, unclaim, comment and progress reports through <c>/api/tasks/{id}/…</c>, and who may do them.</summary>
public sealed class TaskActionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Fact]
    public async Task ClaimTask_AgencyStaff_ReturnsClaimedByThatUserInTheirMineView()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.TaskActionAsync(taskId, "claim");

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Claimed", task["summary"]!["state"].Str());
        Assert.Equal("guangdong.staff", task["summary"]!["claimedBy"].Str());
        var claimed = task["history"]!.AsArray()[^1]!;
        Assert.Equal("Claimed", claimed["action"].Str());
        Assert.Equal("guangdong.staff", claimed["actor"].Str());
        var mine = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=mine&pageSize=200");
        Assert.Contains(mine["items"]!.AsArray(), t => t!["id"].Str() == taskId);
        var unclaimed = await _staff.GetJsonAsync($"{HttpApi.Tasks}?view=unclaimed&pageSize=200");
        Assert.DoesNotContain(unclaimed["items"]!.AsArray(), t => t!["id"].Str() == taskId);
    }

    [Fact]
    public async Task ClaimTask_AlreadyClaimed_Returns409()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _lead.TaskActionAsync(taskId, "claim");

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("guangdong.staff")]
    [InlineData("guangdong.lead")]
    public async Task UnclaimTask_ClaimerOrLead_ReturnsTheTaskToThePool(string username)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await factory.CreateClientFor(username).TaskActionAsync(taskId, "unclaim");

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Open", task["summary"]!["state"].Str());
        Assert.Null(task["summary"]!["claimedBy"]);
        Assert.Equal(["Created", "Claimed", "Unclaimed"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
        Assert.Equal(username, task["history"]!.AsArray()[^1]!["actor"].Str());
    }

    [Fact]
    public async Task UnclaimTask_ClaimedByTheLead_Returns403ForStaff()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _lead.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _staff.TaskActionAsync(taskId, "unclaim");

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnclaimTask_OpenTask_Returns409()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.TaskActionAsync(taskId, "unclaim");

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ClaimTask_OtherAgencyStaff_Returns404()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await factory.CreateClientFor("hubei.staff").TaskActionAsync(taskId, "claim");

        // Assert
        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CommentOnTask_Text_AddsCommentedWithTheTextToHistory()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.TaskActionAsync(taskId, "comments", new { text = "数据已核对 figures checked" });

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        var comment = task["history"]!.AsArray()[^1]!;
        Assert.Equal("Commented", comment["action"].Str());
        Assert.Equal("guangdong.staff", comment["actor"].Str());
        Assert.Equal("数据已核对 figures checked", comment["data"]!["text"].Str());
        Assert.Equal("Open", task["summary"]!["state"].Str());
    }

    [Theory]
    [InlineData("""{ "text": "" }""")]
    [InlineData("""{ "text": "   " }""")]
    [InlineData("{}")]
    public async Task CommentOnTask_NoText_Returns400NamingText(string body)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.PostJsonTextAsync($"{HttpApi.Tasks}/{taskId}/comments", body);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["text"], problem.ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_WithEvidence_StoresTheReportWithTheFilesSha256AndSize()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var content = Encoding.UTF8.GetBytes("广东省 AI+ 制造 第二季度 evidence\n");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var report = Report(60, 7, new { fileName = "q2.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String(content) });

        // Act
        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        // Assert
        var task = await response.ExpectAsync(HttpStatusCode.OK);
        var stored = task["reports"]!.AsArray().Single()!;
        Assert.Equal(1, stored["sequence"].Int());
        Assert.Equal("guangdong.staff", stored["reportedBy"].Str());
        Assert.Equal("Yellow", stored["selfColour"].Str());
        Assert.Equal(60, stored["progressPercent"].Int());
        Assert.Equal(7, stored["confidence"].Int());
        Assert.Equal("服务器扩容延迟 capacity delayed", stored["problems"].Str());
        var evidence = stored["evidence"]!.AsArray().Single()!;
        Assert.Equal(sha256, evidence["sha256"].Str());
        Assert.Equal(content.Length, evidence["size"].Int());
        Assert.Equal("q2.txt", evidence["fileName"].Str());
        Assert.Equal("ProgressReported", task["history"]!.AsArray()[^1]!["action"].Str());
        Assert.Equal(60, task["prefill"]!["progressPercent"].Int());
    }

    [Fact]
    public async Task ReportProgress_PercentAndConfidenceOutOfRange_Returns400NamingBoth()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _staff.TaskActionAsync(taskId, "progress-reports", Report(150, 11));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["confidence", "progressPercent"], problem.ErrorKeys().Order(StringComparer.Ordinal));
        var task = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Empty(task["reports"]!.AsArray());
    }

    [Fact]
    public async Task ReportProgress_MissingNumbersAndUnknownColour_Returns400NamingTheFields()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var missing = await _staff.TaskActionAsync(taskId, "progress-reports", new { done = "x" });
        var purple = await _staff.TaskActionAsync(taskId, "progress-reports", new { progressPercent = 10, confidence = 5, selfColour = "Purple" });

        // Assert
        Assert.Equal(["confidence", "progressPercent"], (await missing.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys().Order(StringComparer.Ordinal));
        Assert.Equal(["selfColour"], (await purple.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_EvidenceNotBase64_Returns400NamingItsContent()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var report = Report(60, 7, new { fileName = "q2.txt", contentType = "text/plain", contentBase64 = "not base64 at all!" });

        // Act
        var response = await _staff.TaskActionAsync(taskId, "progress-reports", report);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["evidence[0].contentBase64"], problem.ErrorKeys());
    }

    [Fact]
    public async Task GetTask_NdrcAuditor_Returns200()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var task = await factory.CreateClientFor("ndrc.auditor").GetJsonAsync($"{HttpApi.Tasks}/{taskId}");

        // Assert
        Assert.Equal(taskId, task["summary"]!["id"].Str());
        Assert.Equal("guangdong", task["summary"]!["agencyCode"].Str());
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("comments")]
    [InlineData("progress-reports")]
    public async Task TaskAction_NdrcAuditor_Returns403AndChangesNothing(string action)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var auditor = factory.CreateClientFor("ndrc.auditor");
        object body = action switch
        {
            "comments" => new { text = "looks fine" },
            "progress-reports" => Report(10, 5),
            _ => new { },
        };

        // Act
        var response = await auditor.TaskActionAsync(taskId, action, body);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        var task = await auditor.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal("Open", task["summary"]!["state"].Str());
        Assert.Equal(["Created"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
    }

    private static object Report(int progressPercent, int confidence, params object[] evidence) => new
    {
        done = "完成模型选型 model chosen",
        next = "试点部署 pilot",
        problems = "服务器扩容延迟 capacity delayed",
        supportNeeded = "算力券 compute vouchers",
        progressPercent,
        selfColour = "Yellow",
        confidence,
        evidence,
    };
}
