using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Scenarios;

/// <summary>
/// The AI+ breakdown end to end through the HTTP API only, on the published <c>workflows/</c> files and fake time: the
/// NDRC starts a national key task led by MIIT, MIIT refines it, it cascades to two co-unit ministries and all 32
/// provinces; provinces see only their own tasks, report with evidence, are returned by MIIT's lead (the third return
/// escalates), close with verification; a late report climbs the escalation ladder as the clock moves; the parent's
/// roll-up variables follow the children that closed.
/// </summary>
public sealed class NationalKeyTaskHttpScenarioTests(FakeTimeHostFactory factory) : IClassFixture<FakeTimeHostFactory>
{
    private const string Correlation = "NKT-HTTP-2026-001";
    private const string Measures = "以中试基地为抓手 pilot bases first";
    private static readonly DateTimeOffset Due = FakeTimeHostFactory.Epoch.AddDays(20);

    private readonly HttpClient _planner = factory.CreateClientFor("ndrc.planner");
    private readonly HttpClient _miitStaff = factory.CreateClientFor("miit.staff");
    private readonly HttpClient _miitLead = factory.CreateClientFor("miit.lead");
    private readonly HttpClient _guangdong = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    [Fact]
    public async Task NationalKeyTask_MiitLedBreakdownToAllProvinces_InboxesReturnsEscalationsLatenessAndRollupsFollowOverHttp()
    {
        // 1. The NDRC starts the task: MIIT leads, MOST and the NDA co-operate, no province list means all 32.
        var parent = await _planner.StartAsync("national-key-task", Correlation, new JsonObject
        {
            ["title"] = "人工智能+制造业试点 AI+ manufacturing pilots",
            ["pillar"] = "action.industry.manufacturing",
            ["leadAgency"] = "miit",
            ["coAgencies"] = new JsonArray("most", "nda"),
            ["dueAt"] = Due.ToString("O", CultureInfo.InvariantCulture),
        });
        var parentId = parent["id"].Str();
        Assert.Equal("Suspended", parent["status"].Str());

        // 2. MIIT's staff find the lead's refine task and complete it with data matching the schema the API publishes.
        var miitInbox = (await _miitStaff.GetJsonAsync(HttpApi.Tasks))["items"]!.AsArray();
        var leadRefineId = Assert.Single(miitInbox)!["id"].Str();
        var leadRefine = await _miitStaff.GetJsonAsync($"{HttpApi.Tasks}/{leadRefineId}");
        Assert.Equal(("task", 1, "action.industry.manufacturing", "miit"), (Summary(leadRefine)["kind"].Str(), Summary(leadRefine)["priority"].Int(), Summary(leadRefine)["pillar"].Str(), Summary(leadRefine)["agencyCode"].Str()));
        Assert.Equal(["Submitted"], Strings(leadRefine["outcomes"]));
        var required = Strings(leadRefine["schema"]!["required"]);
        Assert.Equal(["measures"], required);
        var empty = await _miitStaff.TaskActionAsync(leadRefineId, "complete", new { outcome = "Submitted", data = new JsonObject { [required[0]] = "" } });
        Assert.Equal(["data/measures"], (await empty.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());

        // The co-unit ministries contribute their parts first (协办): until they have, the lead's submission is a 409.
        await (await _miitStaff.TaskActionAsync(leadRefineId, "complete", new { outcome = "Submitted", data = new JsonObject { [required[0]] = Measures } }))
            .ExpectAsync(HttpStatusCode.Conflict);
        foreach (var coUnit in (string[])["most", "nda"])
        {
            var client = factory.CreateClientFor(coUnit + ".staff");
            var partId = Assert.Single((await client.GetJsonAsync(HttpApi.Tasks))["items"]!.AsArray())!["id"].Str();
            await (await client.TaskActionAsync(partId, "complete", new { outcome = "Submitted", data = new JsonObject { ["measures"] = coUnit + " 承担部分" } })).ExpectAsync(HttpStatusCode.OK);
        }

        var refined = await (await _miitStaff.TaskActionAsync(leadRefineId, "complete", new { outcome = "Submitted", data = new JsonObject { [required[0]] = Measures } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("Completed", "Submitted", "miit.staff"), (Summary(refined)["state"].Str(), refined["outcome"].Str(), refined["completedBy"].Str()));

        // 3. The cascade: 32 province-task and 2 ministry-task children, each waiting on its agency's refine task.
        await Eventually.TrueAsync(
            async () => await CountInstancesAsync("province-task") == 32 && await CountInstancesAsync("ministry-task") == 2
                && (await _planner.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200"))["totalCount"].Int() == 34,
            "32 province-task and 2 ministry-task children with 34 open refine tasks");
        var bingtuan = await _planner.GetJsonAsync($"{HttpApi.Instances}?definitionId=province-task&correlationId={Correlation}:bingtuan");
        Assert.Equal(parentId, Assert.Single(bingtuan["items"]!.AsArray())!["parentInstanceId"].Str());
        var firstTasks = (await _planner.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200"))["items"]!.AsArray();
        Assert.All(firstTasks, t => Assert.Equal(("task", "miit", "Open"), (t!["kind"].Str(), t["leadAgencyCode"].Str(), t["state"].Str())));
        Assert.Equal(34, firstTasks.Select(t => t!["agencyCode"].Str()).Distinct().Count());

        // 4. Inbox scoping: guangdong sees its own refine task; hubei neither lists it nor may read or claim it.
        var guangdongRefine = await OpenTaskAsync(_guangdong, "task", "guangdong");
        var guangdongRefineId = Summary(guangdongRefine)["id"].Str();
        Assert.Equal("guangdong", Assert.Single((await _guangdong.GetJsonAsync(HttpApi.Tasks))["items"]!.AsArray())!["agencyCode"].Str());
        Assert.Contains(Measures, guangdongRefine["description"].Str(), StringComparison.Ordinal);
        Assert.Equal(FakeTimeHostFactory.Epoch.AddDays(15), Time(Summary(guangdongRefine)["dueAt"]));
        var hubeiInbox = (await _hubei.GetJsonAsync(HttpApi.Tasks))["items"]!.AsArray();
        Assert.Equal("hubei", Assert.Single(hubeiInbox)!["agencyCode"].Str());
        Assert.DoesNotContain(hubeiInbox, t => t!["id"].Str() == guangdongRefineId);
        await (await _hubei.GetRawAsync($"{HttpApi.Tasks}/{guangdongRefineId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await _hubei.TaskActionAsync(guangdongRefineId, "claim")).ExpectAsync(HttpStatusCode.NotFound);

        // 5. Guangdong claims and refines, reports progress with one evidence file, and submits; the schema guards the report.
        var claimed = await (await _guangdong.TaskActionAsync(guangdongRefineId, "claim")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("Claimed", "guangdong.staff"), (Summary(claimed)["state"].Str(), Summary(claimed)["claimedBy"].Str()));
        await CompleteAsync(_guangdong, guangdongRefineId, "Submitted", new JsonObject { ["measures"] = "广州、深圳先行 Guangzhou and Shenzhen first" });
        var report = await OpenTaskAsync(_guangdong, "report", "guangdong");
        var reportId = Summary(report)["id"].Str();
        Assert.Equal((Due, "Green", 0), (Time(Summary(report)["dueAt"]), Summary(report)["colour"].Str(), Summary(report)["returnCount"].Int()));
        Assert.Equal(["confidence", "done", "progressPercent", "selfColour"], Strings(report["schema"]!["required"]).Order(StringComparer.Ordinal));
        var evidence = Encoding.UTF8.GetBytes("%PDF-1.7 广东 AI+ 制造 试点验收 pilot acceptance\n");
        var reported = await (await _guangdong.TaskActionAsync(reportId, "progress-reports", new
        {
            done = "完成 3 个试点 3 pilots done",
            next = "扩大到 5 个 widen to 5",
            problems = "算力不足 compute is short",
            supportNeeded = "协调算力 compute vouchers",
            progressPercent = 40,
            selfColour = "Green",
            confidence = 7,
            evidence = new[] { new { fileName = "试点验收.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(evidence) } },
        })).ExpectAsync(HttpStatusCode.OK);
        var stored = Assert.Single(reported["reports"]!.AsArray())!;
        Assert.Equal((1, "guangdong.staff", 40), (stored["sequence"].Int(), stored["reportedBy"].Str(), stored["progressPercent"].Int()));
        var file = Assert.Single(stored["evidence"]!.AsArray())!;
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(evidence)), evidence.Length, "试点验收.pdf"), (file["sha256"].Str(), file["size"].Int(), file["fileName"].Str()));
        var outOfRange = await _guangdong.TaskActionAsync(reportId, "complete", new { outcome = "Submitted", data = ScenarioForms.Report(140) });
        Assert.Contains("data/progressPercent", (await outOfRange.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await CompleteAsync(_guangdong, reportId, "Submitted", ScenarioForms.Report(40));
        await SignOffAsync("guangdong");

        // 6. MIIT's lead (not its staff) reviews (a joint review of one: it may also abstain): two returns carry count, reason and yellow to the next report.
        var review = await OpenTaskAsync(_miitLead, "review", "guangdong");
        Assert.Equal(["Approved", "Returned", "Abstained"], Strings(review["outcomes"]));
        Assert.StartsWith("进度 40%", review["description"].Str(), StringComparison.Ordinal);
        Assert.StartsWith("Progress 40%", review["descriptionEn"].Str(), StringComparison.Ordinal);
        await (await _miitStaff.TaskActionAsync(Summary(review)["id"].Str(), "complete", new { outcome = "Approved" })).ExpectAsync(HttpStatusCode.Forbidden);
        string[] reasons = ["缺少佐证材料 evidence missing", "进度与佐证不符 progress does not match the evidence", "仍缺少验收报告 still no acceptance report"];
        for (var returns = 1; returns <= 2; returns++)
        {
            await CompleteAsync(_miitLead, Summary(review)["id"].Str(), "Returned", new JsonObject { ["reason"] = reasons[returns - 1] });
            report = await OpenTaskAsync(_guangdong, "report", "guangdong");
            Assert.NotEqual(reportId, Summary(report)["id"].Str());
            reportId = Summary(report)["id"].Str();
            Assert.Equal((returns, "Yellow", 0), (Summary(report)["returnCount"].Int(), Summary(report)["colour"].Str(), Summary(report)["escalationLevel"].Int()));
            Assert.Equal(reasons[returns - 1], report["returnReason"].Str());
            Assert.Contains((await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?view=returned"))["items"]!.AsArray(), t => t!["id"].Str() == reportId);
            await CompleteAsync(_guangdong, reportId, "Submitted", ScenarioForms.Report(40 + (10 * returns)));
            await SignOffAsync("guangdong");
            review = await OpenTaskAsync(_miitLead, "review", "guangdong");
        }

        // The third return escalates the returned report (督办单, level 3) before the fourth report is issued.
        var thirdReportId = reportId;
        await CompleteAsync(_miitLead, Summary(review)["id"].Str(), "Returned", new JsonObject { ["reason"] = reasons[2] });
        foreach (var reader in new[] { _guangdong, _planner })
        {
            var escalated = await reader.GetJsonAsync($"{HttpApi.Tasks}/{thirdReportId}");
            Assert.Equal(3, Summary(escalated)["escalationLevel"].Int());
            var escalation = Assert.Single(escalated["history"]!.AsArray(), h => h!["action"].Str() == "Escalated")!;
            Assert.Equal(("notice", 3), (escalation["data"]!["action"].Str(), escalation["data"]!["level"].Int()));
        }

        report = await OpenTaskAsync(_guangdong, "report", "guangdong");
        Assert.Equal((3, "Yellow", reasons[2]), (Summary(report)["returnCount"].Int(), Summary(report)["colour"].Str(), report["returnReason"].Str()));

        // 8. Guangdong reaches 100%, is approved, requests closure; MIIT's lead rejects the first request, then verifies.
        await CompleteAsync(_guangdong, Summary(report)["id"].Str(), "Submitted", ScenarioForms.Report(100));
        await SignOffAsync("guangdong");
        review = await OpenTaskAsync(_miitLead, "review", "guangdong");
        await CompleteAsync(_miitLead, Summary(review)["id"].Str(), "Approved", new JsonObject { ["comment"] = "同意 agreed" });
        var closure = await OpenTaskAsync(_guangdong, "closure", "guangdong");
        Assert.Equal(["evidence", "summary"], Strings(closure["schema"]!["required"]).Order(StringComparer.Ordinal));
        await CompleteAsync(_guangdong, Summary(closure)["id"].Str(), "Submitted", Closure("guangdong"));
        var verification = await OpenTaskAsync(_miitLead, "verification", "guangdong");
        await (await _guangdong.TaskActionAsync(Summary(verification)["id"].Str(), "complete", new { outcome = "Verified", data = new { method = "desk" } }))
            .ExpectAsync(HttpStatusCode.NotFound);
        await CompleteAsync(_miitLead, Summary(verification)["id"].Str(), "Rejected", new JsonObject { ["method"] = "site", ["reason"] = "实地核验不符 site visit disagrees" });
        closure = await OpenTaskAsync(_guangdong, "closure", "guangdong");
        Assert.Equal((1, "实地核验不符 site visit disagrees"), (Summary(closure)["returnCount"].Int(), closure["returnReason"].Str()));
        await CompleteAsync(_guangdong, Summary(closure)["id"].Str(), "Submitted", Closure("guangdong"));
        verification = await OpenTaskAsync(_miitLead, "verification", "guangdong");
        await CompleteAsync(_miitLead, Summary(verification)["id"].Str(), "Verified", new JsonObject { ["method"] = "site" });

        // Two more provinces close straight through, and the NDA (a co-unit ministry) closes with the NDRC verifying.
        await DriveToClosureAsync("beijing", verifier: _miitLead);
        await DriveToClosureAsync("shanghai", verifier: _miitLead);
        await DriveToClosureAsync("nda", verifier: _planner);

        // The parent's roll-ups: 3 of 32 provinces (9.4%), 1 of 2 ministries (50%); the parent still waits for the rest.
        JsonNode? provinces = null, ministries = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var variables = (await _planner.GetJsonAsync($"{HttpApi.Instances}/{parentId}"))["variables"]!;
                (provinces, ministries) = (variables["ProvinceRollup"], variables["MinistryRollup"]);
                return provinces?["finished"]?.GetValue<int>() == 3 && ministries?["finished"]?.GetValue<int>() == 1;
            },
            "ProvinceRollup.finished = 3 and MinistryRollup.finished = 1");
        Assert.Equal((32, 3, 0, 9.4), (provinces!["total"].Int(), provinces["finished"].Int(), provinces["faulted"].Int(), provinces["percent"]!.GetValue<double>()));
        Assert.Equal(32, provinces["agencies"]!.AsObject().Count);
        Assert.Equal(["beijing", "guangdong", "shanghai"], provinces["agencies"]!.AsObject().Where(a => a.Value.Str() == "Finished").Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Running", provinces["agencies"]!["hubei"].Str());
        Assert.Equal((2, 1, 0, 50.0), (ministries!["total"].Int(), ministries["finished"].Int(), ministries["faulted"].Int(), ministries["percent"]!.GetValue<double>()));
        Assert.Equal(("Finished", "Running"), (ministries["agencies"]!["nda"].Str(), ministries["agencies"]!["most"].Str()));
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{parentId}"))["status"].Str());
        var guangdongChild = Assert.Single((await _planner.GetJsonAsync($"{HttpApi.Instances}?correlationId={Correlation}:guangdong"))["items"]!.AsArray())!;
        var guangdongInstance = await _planner.GetJsonAsync($"{HttpApi.Instances}/{guangdongChild["id"].Str()}");
        Assert.Equal(("Finished", "closed"), (guangdongInstance["status"].Str(), guangdongInstance["output"]!["status"].Str()));
        Assert.Equal(0, (await _guangdong.GetJsonAsync(HttpApi.Tasks))["totalCount"].Int());

        // 7. Hubei refines but never reports: its report climbs the default ladder as the fake clock moves.
        await CompleteAsync(_hubei, Summary(await OpenTaskAsync(_hubei, "task", "hubei"))["id"].Str(), "Submitted", new JsonObject { ["measures"] = "武汉先行 Wuhan first" });
        var late = await OpenTaskAsync(_hubei, "report", "hubei");
        var lateId = Summary(late)["id"].Str();
        Assert.Equal((Due, "Green", 0), (Time(Summary(late)["dueAt"]), Summary(late)["colour"].Str(), Summary(late)["escalationLevel"].Int()));
        Assert.Equal(0, (await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=overdue"))["totalCount"].Int());

        Assert.DoesNotContain((await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=escalated"))["items"]!.AsArray(), t => t!["id"].Str() == lateId);
        factory.Time.SetUtcNow(Due.AddDays(-3).AddMinutes(1));
        var reminded = await AtLevelAsync(_hubei, lateId, 1);
        Assert.Equal("Blue", reminded["colour"].Str());
        Assert.Contains((await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=escalated"))["items"]!.AsArray(), t => t!["id"].Str() == lateId);
        Assert.Equal(lateId, Assert.Single((await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=due-soon"))["items"]!.AsArray())!["id"].Str());
        Assert.Equal(0, (await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=overdue"))["totalCount"].Int());

        factory.Time.SetUtcNow(Due.AddMinutes(1));
        var urged = await AtLevelAsync(_hubei, lateId, 2);
        Assert.Equal("Red", urged["colour"].Str());
        var overdue = Assert.Single((await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=overdue"))["items"]!.AsArray())!;
        Assert.Equal((lateId, "Red", 2), (overdue["id"].Str(), overdue["colour"].Str(), overdue["escalationLevel"].Int()));
        Assert.Contains((await _planner.GetJsonAsync($"{HttpApi.Tasks}?view=overdue&agency=hubei&pageSize=200"))["items"]!.AsArray(), t => t!["id"].Str() == lateId);
        var ladder = (await _hubei.GetJsonAsync($"{HttpApi.Tasks}/{lateId}"))["history"]!.AsArray();
        Assert.Equal(["reminder", "urge"], ladder.Where(h => h!["action"].Str() == "Escalated").Select(h => h!["data"]!["action"].Str()));
        Assert.Equal(["Blue", "Red"], ladder.Where(h => h!["action"].Str() == "ColourChanged").Select(h => h!["data"]!["to"].Str()));
    }

    /// <summary>One child straight to closure: refine → report 100% → signed off by the unit → approved by MIIT's lead → closure request → verified.</summary>
    private async Task DriveToClosureAsync(string agency, HttpClient verifier)
    {
        var staff = factory.CreateClientFor($"{agency}.staff");
        await CompleteAsync(staff, Summary(await OpenTaskAsync(staff, "task", agency))["id"].Str(), "Submitted", new JsonObject { ["measures"] = agency + " 细化举措 measures" });
        await CompleteAsync(staff, Summary(await OpenTaskAsync(staff, "report", agency))["id"].Str(), "Submitted", ScenarioForms.Report(100));
        await SignOffAsync(agency);
        await CompleteAsync(_miitLead, Summary(await OpenTaskAsync(_miitLead, "review", agency))["id"].Str(), "Approved", new JsonObject());
        await CompleteAsync(staff, Summary(await OpenTaskAsync(staff, "closure", agency))["id"].Str(), "Submitted", Closure(agency));
        await CompleteAsync(verifier, Summary(await OpenTaskAsync(verifier, "verification", agency))["id"].Str(), "Verified", new JsonObject { ["method"] = "desk" });
    }

    /// <summary>The unit's own lead signs the submitted report off (本单位签发) so it goes up to the lead agency.</summary>
    private async Task SignOffAsync(string agency)
    {
        var lead = factory.CreateClientFor($"{agency}.lead");
        await CompleteAsync(lead, Summary(await OpenTaskAsync(lead, "signoff", agency))["id"].Str(), "Approved", new JsonObject { ["opinion"] = "同意报送 send it up" });
    }

    /// <summary>Completes a task; expects 200 and the task completed with that outcome.</summary>
    private static async Task CompleteAsync(HttpClient client, string taskId, string outcome, JsonObject data)
    {
        var task = await (await client.TaskActionAsync(taskId, "complete", new { outcome, data })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("Completed", outcome), (Summary(task)["state"].Str(), task["outcome"].Str()));
    }

    /// <summary>The open task of a kind for one child (by its correlation id) in the caller's inbox; waits for it to appear.</summary>
    private static async Task<JsonNode> OpenTaskAsync(HttpClient client, string kind, string agency)
    {
        var correlation = $"{Correlation}:{agency}";
        JsonNode? found = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var inbox = (await client.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200"))["items"]!.AsArray();
                foreach (var item in inbox.Where(t => t!["kind"].Str() == kind))
                {
                    var task = await client.GetJsonAsync($"{HttpApi.Tasks}/{item!["id"].Str()}");
                    if (task["correlationId"]?.GetValue<string>() == correlation)
                    {
                        found = task;
                        return true;
                    }
                }

                return false;
            },
            $"an open {kind} task for {agency}");
        return found!;
    }

    /// <summary>Waits (real time) until the task's escalation level is reached after the fake clock moved; returns its summary.</summary>
    private static async Task<JsonNode> AtLevelAsync(HttpClient client, string taskId, int level)
    {
        JsonNode? summary = null;
        await Eventually.TrueAsync(
            async () => (summary = Summary(await client.GetJsonAsync($"{HttpApi.Tasks}/{taskId}")))["escalationLevel"].Int() == level,
            $"task {taskId} at escalation level {level}");
        return summary!;
    }

    private async Task<int> CountInstancesAsync(string definitionId) =>
        (await _planner.GetJsonAsync($"{HttpApi.Instances}?definitionId={definitionId}&pageSize=1"))["totalCount"].Int();

    private static JsonNode Summary(JsonNode task) => task["summary"]!;

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node.Str(), CultureInfo.InvariantCulture);

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n.Str())];

    private static JsonObject Closure(string agency) => new()
    {
        ["summary"] = "试点全部建成 all pilots built",
        ["evidence"] = "验收报告 acceptance report No. 2026-" + agency,
    };
}
