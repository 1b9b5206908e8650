using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// Joint reviews over HTTP: each mode on a review of three ministries' leads, 加签/减签 through <c>/api/reviews</c> on the
/// seeded province-task's lead-agency review, the decisions shown on the task, and every refusal.
/// </summary>
public sealed class JointReviewTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _guangdongLead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _miitLead = factory.CreateClientFor("miit.lead");
    private readonly HttpClient _miitStaff = factory.CreateClientFor("miit.staff");
    private readonly HttpClient _mostLead = factory.CreateClientFor("most.lead");
    private readonly HttpClient _ndaLead = factory.CreateClientFor("nda.lead");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    [Theory]
    [InlineData("all", null, new[] { "Approved", "Approved", "Approved" }, "Approved", 3)]
    [InlineData("all", null, new[] { "Approved", "Returned" }, "Returned", 2)]
    [InlineData("any", null, new[] { "Returned", "Approved" }, "Approved", 2)]
    [InlineData("atLeast", 2, new[] { "Approved", "Abstained", "Approved" }, "Approved", 3)]
    [InlineData("atLeast", 2, new[] { "Returned", "Returned" }, "Returned", 2)]
    public async Task EachMode_DecidesAsSoonAsTheOutcomeIsCertain(string mode, int? count, string[] decisions, string outcome, int decisionsTaken)
    {
        var (instanceId, correlation) = await StartReviewAsync(mode, count, sequential: false);
        HttpClient[] reviewers = [_miitLead, _mostLead, _ndaLead];

        for (var i = 0; i < decisions.Length; i++)
        {
            var taskId = await reviewers[i].OpenCaseTaskAsync("review", correlation);
            await DecideAsync(reviewers[i], taskId, decisions[i], reason: decisions[i] == "Returned" ? $"理由{i + 1}" : null);
        }

        var instance = await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}");
        Assert.Equal("Finished", instance["status"].Str());
        var review = await ReviewAsync(_planner, correlation);
        Assert.Equal(outcome, review["state"].Str());
        Assert.Equal(decisionsTaken, review["reviewers"]!.AsArray().Count(r => r!["decidedAt"] is not null));
        Assert.All(review["reviewers"]!.AsArray().Where(r => r!["decidedAt"] is null), r => Assert.Equal("Cancelled", r!["state"].Str()));
    }

    [Fact]
    public async Task Sequential_TheNextReviewerGetsATaskOnlyAfterTheOneBefore()
    {
        var (_, correlation) = await StartReviewAsync("all", null, sequential: true);

        var first = await _miitLead.OpenCaseTaskAsync("review", correlation);
        Assert.Null(await _mostLead.FindCaseTaskAsync("review", correlation));
        await DecideAsync(_miitLead, first, "Approved");
        var second = await _mostLead.OpenCaseTaskAsync("review", correlation);
        Assert.Null(await _ndaLead.FindCaseTaskAsync("review", correlation));
        await DecideAsync(_mostLead, second, "Approved");
        await DecideAsync(_ndaLead, await _ndaLead.OpenCaseTaskAsync("review", correlation), "Approved");

        var review = await ReviewAsync(_planner, correlation);
        Assert.Equal("Approved", review["state"].Str());
        var times = review["reviewers"]!.AsArray().Select(r => r!["decidedAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task LeadAddsAReviewer_BothDecide_TheTaskShowsBothDecisions()
    {
        var correlation = await ProvinceReviewAsync();
        var miitTask = await _miitLead.OpenCaseTaskAsync("review", correlation);
        var reviewId = (await _miitLead.GetJsonAsync($"{HttpApi.Tasks}/{miitTask}"))["reviews"]![0]!["id"].Str();

        var added = await (await _miitLead.PostAsJsonAsync($"/api/reviews/{reviewId}/reviewers", new { agency = "most", role = "lead", reason = "涉及科技部职责" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("most", "lead", "miit.lead", "涉及科技部职责", "Open"), Reviewer(added, 1));
        await DecideAsync(_mostLead, await _mostLead.OpenCaseTaskAsync("review", correlation), "Approved", comment: "同意");
        Assert.Equal("Open", (await ReviewAsync(_miitLead, correlation))["state"].Str());
        await DecideAsync(_miitLead, miitTask, "Approved", comment: "同意上报");

        var view = await _miitLead.GetJsonAsync($"{HttpApi.Tasks}/{miitTask}");
        var review = view["reviews"]![0]!;
        Assert.Equal("Approved", review["state"].Str());
        Assert.Equal(
            [("miit.lead", "同意上报"), ("most.lead", "同意")],
            review["reviewers"]!.AsArray().Select(r => (r!["decidedBy"].Str(), r["comment"].Str())));

        // The province's staff, whose report it was, read the same review (their tasks are of its case).
        var seenByStaff = await _staff.GetJsonAsync($"/api/reviews/{review["id"].Str()}");
        Assert.Equal(("Approved", 2), (seenByStaff["state"].Str(), seenByStaff["reviewers"]!.AsArray().Count));
    }

    [Fact]
    public async Task ReturnInAllMode_ReturnsTheReport_AndADecisionOnTheCancelledReviewIs409()
    {
        var correlation = await ProvinceReviewAsync();
        var miitTask = await _miitLead.OpenCaseTaskAsync("review", correlation);
        var reviewId = (await _miitLead.GetJsonAsync($"{HttpApi.Tasks}/{miitTask}"))["reviews"]![0]!["id"].Str();
        await (await _miitLead.PostAsJsonAsync($"/api/reviews/{reviewId}/reviewers", new { agency = "most", role = "lead", reason = "会签" })).ExpectAsync(HttpStatusCode.OK);

        await DecideAsync(_mostLead, await _mostLead.OpenCaseTaskAsync("review", correlation), "Returned", reason: "缺少算力使用数据");

        var late = await _miitLead.TaskActionAsync(miitTask, "complete", new { outcome = "Approved", data = new { } });
        await late.ExpectAsync(HttpStatusCode.Conflict);
        var rework = await _staff.GetJsonAsync($"{HttpApi.Tasks}/{await _staff.OpenCaseTaskAsync("report", correlation)}");
        Assert.Equal("缺少算力使用数据", rework["returnReason"].Str());
        Assert.Equal(1, rework["summary"]!["returnCount"].Int());
    }

    [Fact]
    public async Task RemovingAReviewer_CancelsTheirTask_AndRecordsWhoAndWhy()
    {
        var correlation = await ProvinceReviewAsync();
        var reviewId = await ReviewIdAsync(correlation);
        var added = await (await _miitLead.PostAsJsonAsync($"/api/reviews/{reviewId}/reviewers", new { agency = "most", role = "lead", reason = "会签" })).ExpectAsync(HttpStatusCode.OK);
        var mostTask = await _mostLead.OpenCaseTaskAsync("review", correlation);
        var mostId = added["reviewers"]![1]!["id"].Str();

        var removed = await (await _planner.PostAsJsonAsync($"/api/reviews/{reviewId}/reviewers/{mostId}/remove", new { reason = "科技部不再参与" }))
            .ExpectAsync(HttpStatusCode.OK);

        var reviewer = removed["reviewers"]![1]!;
        Assert.Equal(("Removed", "ndrc.planner", "科技部不再参与"), (reviewer["state"].Str(), reviewer["removedBy"].Str(), reviewer["reason"].Str()));
        Assert.Equal("Cancelled", (await _mostLead.GetJsonAsync($"{HttpApi.Tasks}/{mostTask}"))["summary"]!["state"].Str());
        await (await _mostLead.TaskActionAsync(mostTask, "complete", new { outcome = "Approved", data = new { } })).ExpectAsync(HttpStatusCode.Conflict);
        await (await _planner.PostAsJsonAsync($"/api/reviews/{reviewId}/reviewers/{mostId}/remove", new { reason = "再次" })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndOthersAreRefused()
    {
        var correlation = await ProvinceReviewAsync();
        var reviewId = await ReviewIdAsync(correlation);
        var uri = $"/api/reviews/{reviewId}/reviewers";

        Assert.Equal(["agency"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "atlantis", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["agency"], (await (await _miitLead.PostAsJsonAsync(uri, new { reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["role"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "most", role = "boss", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["role"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "most", role = "lead", user = "most.lead", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["reason"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "most" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["user"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "most", user = "nobody.here", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["user"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "most", user = "hubei.staff", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["agency"], (await (await _miitLead.PostAsJsonAsync(uri, new { agency = "miit", role = "lead", reason = "r" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["reason"], (await (await _miitLead.PostAsJsonAsync($"{uri}/x/remove", new { reason = "" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());

        await (await _miitStaff.PostAsJsonAsync(uri, new { agency = "most", reason = "r" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _guangdongLead.PostAsJsonAsync(uri, new { agency = "most", reason = "r" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _hubei.PostAsJsonAsync(uri, new { agency = "most", reason = "r" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await _hubei.GetRawAsync($"/api/reviews/{reviewId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await _miitLead.PostAsJsonAsync($"{uri}/nobody/remove", new { reason = "r" })).ExpectAsync(HttpStatusCode.NotFound);
        var only = (await _miitLead.GetJsonAsync($"/api/reviews/{reviewId}"))["reviewers"]![0]!["id"].Str();
        await (await _miitLead.PostAsJsonAsync($"{uri}/{only}/remove", new { reason = "r" })).ExpectAsync(HttpStatusCode.Conflict);

        // Nothing refused changed the review.
        var review = await _miitLead.GetJsonAsync($"/api/reviews/{reviewId}");
        Assert.Equal(("Open", 1), (review["state"].Str(), review["reviewers"]!.AsArray().Count));
    }

    /// <summary>A review of miit's, most's and nda's leads under <paramref name="mode"/>; returns the instance id and its correlation id.</summary>
    private async Task<(string InstanceId, string Correlation)> StartReviewAsync(string mode, int? count, bool sequential)
    {
        var definitionId = "joint-review-" + Guid.NewGuid().ToString("N")[..8];
        var review = A(
            "review",
            "AiPlus.Review",
            ("title", Lit("会签：人工智能+制造业试点方案")),
            ("reviewers", Obj("""[{"agency":"miit","role":"lead"},{"agency":"most","role":"lead"},{"agency":"nda","role":"lead"}]""")),
            ("mode", Lit(mode)),
            ("sequential", Lit(sequential ? "true" : "false", "Boolean")),
            ("ownerAgency", Lit("miit")),
            ("dueAt", Lit("P5D")));
        if (count is not null)
        {
            review["count"] = Lit(count.Value, "Int32");
        }

        await _planner.ImportAsync(JsonNode.Parse(Definition(definitionId, [review, WriteLine("approved", "approved"), WriteLine("returned", "returned")], ["review:Approved->approved", "review:Returned->returned"]))!.AsObject());
        await _planner.PublishAsync(definitionId);
        var correlation = "JR-" + Guid.NewGuid().ToString("N")[..8];
        var instance = await _planner.StartAsync(definitionId, correlation);
        return (instance["id"].Str(), correlation);
    }

    /// <summary>A province-task of guangdong led by miit, its report submitted and signed off: miit's lead has the review.</summary>
    private async Task<string> ProvinceReviewAsync()
    {
        var correlation = "JRP-" + Guid.NewGuid().ToString("N")[..8];
        await _planner.StartAsync("province-task", correlation, new JsonObject
        {
            ["agency"] = "guangdong",
            ["title"] = "人工智能+制造业试点",
            ["pillar"] = "action.industry.manufacturing",
            ["leadAgency"] = "miit",
            ["dueAt"] = "P30D",
        });
        await DecideAsync(_staff, await _staff.OpenCaseTaskAsync("task", correlation), "Submitted", data: new JsonObject { ["measures"] = "广州、深圳先行" });
        await DecideAsync(_staff, await _staff.OpenCaseTaskAsync("report", correlation), "Submitted", data: new JsonObject
        {
            ["done"] = "完成 45% 的试点",
            ["progressPercent"] = 45,
            ["selfColour"] = "Green",
            ["confidence"] = 7,
        });
        await DecideAsync(_guangdongLead, await _guangdongLead.OpenCaseTaskAsync("signoff", correlation), "Approved");
        return correlation;
    }

    private async Task<string> ReviewIdAsync(string correlation) =>
        (await _miitLead.GetJsonAsync($"{HttpApi.Tasks}/{await _miitLead.OpenCaseTaskAsync("review", correlation)}"))["reviews"]![0]!["id"].Str();

    /// <summary>The latest review of the case, as NDRC sees it on any of its tasks.</summary>
    private static async Task<JsonNode> ReviewAsync(HttpClient client, string correlation)
    {
        var inbox = (await client.GetJsonAsync($"{HttpApi.Tasks}?view=all&pageSize=200"))["items"]!.AsArray();
        foreach (var item in inbox)
        {
            var task = await client.GetJsonAsync($"{HttpApi.Tasks}/{item!["id"].Str()}");
            if (task["correlationId"]?.GetValue<string>() == correlation && task["reviews"]!.AsArray().Count > 0)
            {
                return task["reviews"]!.AsArray()[^1]!;
            }
        }

        throw new InvalidOperationException($"no review in case {correlation}");
    }

    private static (string, string, string, string, string) Reviewer(JsonNode review, int index)
    {
        var r = review["reviewers"]![index]!;
        return (r["agency"].Str(), r["role"].Str(), r["addedBy"].Str(), r["addedReason"].Str(), r["state"].Str());
    }

    private static async Task DecideAsync(HttpClient client, string taskId, string outcome, string? reason = null, string? comment = null, JsonObject? data = null)
    {
        data ??= [];
        if (reason is not null)
        {
            data["reason"] = reason;
        }

        if (comment is not null)
        {
            data["comment"] = comment;
        }

        await client.CompleteTaskAsync(taskId, outcome, data);
    }
}
