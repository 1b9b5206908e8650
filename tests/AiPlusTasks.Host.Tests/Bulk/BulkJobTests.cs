using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Bulk;

/// <summary><c>/api/bulk-jobs</c>: preview, make, follow and report bulk jobs (docs/decisions/029).</summary>
public sealed class BulkJobTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Jobs = "/api/bulk-jobs";
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task BulkReassign_500TasksFromGuangdongToHubei_PreviewsRunsAndReportsEveryTaskMovedOnce()
    {
        // Arrange: 500 open tasks of guangdong under a pillar of their own.
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        definition.WithLiteral("report1", "pillar", "support.compute");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        for (var i = 0; i < 500; i++)
        {
            await _planner.StartAsync(definitionId);
        }

        var request = new JsonObject
        {
            ["operation"] = "reassign",
            ["filter"] = new JsonObject { ["agency"] = "guangdong", ["pillar"] = "support.compute" },
            ["parameters"] = new JsonObject { ["agency"] = "hubei" },
        };

        // Act: preview, then make the job.
        var preview = await (await _planner.PostAsJsonAsync($"{Jobs}/preview?sample=5", request)).ExpectAsync(HttpStatusCode.OK);
        request["expectedCount"] = preview["total"].Int();
        var job = await (await _planner.PostAsJsonAsync(Jobs, request)).ExpectAsync(HttpStatusCode.Created);
        var jobId = job["id"].Str();
        var progress = new List<int>();
        JsonNode? status = null;
        await Eventually.TrueAsync(
            async () =>
            {
                status = await _planner.GetJsonAsync($"{Jobs}/{jobId}");
                progress.Add(status["done"].Int());
                return status["status"].Str() == "Finished";
            },
            () => $"the job to finish: {status?.ToJsonString()}",
            TimeSpan.FromMinutes(3));

        // Assert: the preview counted and described them, changing nothing.
        Assert.Equal(500, preview["total"].Int());
        Assert.Equal(5, preview["items"]!.AsArray().Count);
        Assert.All(preview["items"]!.AsArray(), item =>
        {
            Assert.Equal("Succeeded", item!["status"].Str());
            Assert.Equal("将从广东省改派到湖北省", item["reason"]!["zh"].Str());
        });

        // The job ran to 500 of 500, its progress only growing, and reports each task moved.
        Assert.Equal(500, job["total"].Int());
        Assert.Equal(500, status!["done"].Int());
        Assert.Equal(500, status["succeeded"].Int());
        Assert.Equal(0, status["skipped"].Int() + status["failed"].Int());
        Assert.Equal(progress.Order(), progress);
        var report = await _planner.GetJsonAsync($"{Jobs}/{jobId}/items?status=Succeeded&pageSize=200");
        Assert.Equal(500, report["totalCount"].Int());
        Assert.All(report["items"]!.AsArray(), item => Assert.Equal("已从广东省改派到湖北省", item!["reason"]!["zh"].Str()));
        Assert.Equal(0, (await _planner.GetJsonAsync($"{Jobs}/{jobId}/items?status=Failed"))["totalCount"].Int());

        // Hubei's inbox has them all and guangdong's none; each moved once, by the planner.
        var hubei = factory.CreateClientFor("hubei.staff");
        Assert.Equal(500, (await hubei.GetJsonAsync($"{HttpApi.Tasks}?pillar=support.compute&pageSize=1"))["totalCount"].Int());
        var guangdong = factory.CreateClientFor("guangdong.staff");
        Assert.Equal(0, (await guangdong.GetJsonAsync($"{HttpApi.Tasks}?view=all&pillar=support.compute&pageSize=1"))["totalCount"].Int());
        var sample = report["items"]!.AsArray()[0]!["itemId"].Str();
        var history = (await hubei.GetJsonAsync($"{HttpApi.Tasks}/{sample}"))["history"]!.AsArray();
        var moved = Assert.Single(history, h => h!["action"].Str() == "Reassigned");
        Assert.Equal("ndrc.planner", moved!["actor"].Str());

        // One audit line per item, and the finished event.
        var audit = await factory.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: "bulk_job.reassign", Take: 1000));
        Assert.Equal(500, audit.Count(a => a.Detail!.Contains(jobId, StringComparison.Ordinal)));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var finished = await db.Outbox.AsNoTracking().Where(o => o.Type == OutboxEventTypes.BulkJobFinished).Select(o => o.Payload).ToListAsync();
        Assert.Single(finished, p => p.Contains(jobId, StringComparison.Ordinal) && p.Contains("\"succeeded\":500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkCancel_FaultedInstances_CancelsThemAndSkipsThemOnASecondJob()
    {
        // Arrange: three instances that fault (Elsa.Fault).
        var definitionId = await _planner.ImportAndPublishAsync("fault.json");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var instance = await _planner.StartAsync(definitionId);
            Assert.Equal("Faulted", instance["status"].Str());
            ids.Add(instance["id"].Str());
        }

        var request = new JsonObject
        {
            ["operation"] = "cancel",
            ["filter"] = new JsonObject { ["definitionId"] = definitionId, ["status"] = "Faulted" },
            ["expectedCount"] = 3,
        };

        // Act
        var preview = await (await _planner.PostAsJsonAsync($"{Jobs}/preview", request)).ExpectAsync(HttpStatusCode.OK);
        var job = await (await _planner.PostAsJsonAsync(Jobs, request)).ExpectAsync(HttpStatusCode.Created);
        var first = await FinishedAsync(job["id"].Str());
        var again = new JsonObject { ["operation"] = "cancel", ["filter"] = new JsonObject { ["definitionId"] = definitionId }, ["expectedCount"] = 3 };
        var second = await FinishedAsync((await (await _planner.PostAsJsonAsync(Jobs, again)).ExpectAsync(HttpStatusCode.Created))["id"].Str());

        // Assert
        Assert.Equal(3, preview["total"].Int());
        Assert.Equal("instances", preview["target"].Str().ToLowerInvariant());
        Assert.All(preview["items"]!.AsArray(), i => Assert.Equal("将取消（当前：出错）", i!["reason"]!["zh"].Str()));
        Assert.Equal(3, first["succeeded"].Int());
        foreach (var id in ids)
        {
            Assert.Equal("Cancelled", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{id}"))["status"].Str());
        }

        Assert.Equal(3, second["skipped"].Int());
        var skipped = await _planner.GetJsonAsync($"{Jobs}/{second["id"].Str()}/items?status=Skipped");
        Assert.All(skipped["items"]!.AsArray(), i => Assert.Equal("流程已取消", i!["reason"]!["zh"].Str()));
    }

    [Fact]
    public async Task PreviewBulkJob_AgencyLead_Returns403()
    {
        var lead = factory.CreateClientFor("guangdong.lead");
        var response = await lead.PostAsJsonAsync($"{Jobs}/preview", new { operation = "reassign", filter = new { }, parameters = new { agency = "hubei" } });
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PreviewBulkJob_SupervisorCancellingInstances_Returns403()
    {
        var supervisor = factory.CreateClientFor("ndrc.supervisor");
        var response = await supervisor.PostAsJsonAsync($"{Jobs}/preview", new { operation = "cancel", filter = new { } });
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"operation":"explode","filter":{}}""", "operation")]
    [InlineData("""{"operation":"reassign"}""", "filter")]
    [InlineData("""{"operation":"reassign","filter":{}}""", "parameters.agency")]
    [InlineData("""{"operation":"reassign","filter":{},"parameters":{"agency":"atlantis"}}""", "parameters.agency")]
    [InlineData("""{"operation":"reassign","filter":{"view":"someday"},"parameters":{"agency":"hubei"}}""", "filter.view")]
    public async Task PreviewBulkJob_BadRequest_Returns400NamingTheField(string body, string field)
    {
        var problem = await (await _planner.PostJsonTextAsync($"{Jobs}/preview", body)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    [Fact]
    public async Task CreateBulkJob_SelectionChangedSinceThePreview_Returns409()
    {
        // Arrange: a preview of one task, then nine more.
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        definition.WithLiteral("report1", "pillar", "support.talent");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        await _planner.StartAsync(definitionId);
        var request = new JsonObject
        {
            ["operation"] = "reassign",
            ["filter"] = new JsonObject { ["pillar"] = "support.talent" },
            ["parameters"] = new JsonObject { ["agency"] = "hubei" },
            ["expectedCount"] = 1,
        };
        for (var i = 0; i < 9; i++)
        {
            await _planner.StartAsync(definitionId);
        }

        // Act
        var response = await _planner.PostAsJsonAsync(Jobs, request);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GetBulkJob_Missing_Returns404()
    {
        await (await _planner.GetRawAsync($"{Jobs}/bulk_missing")).ExpectAsync(HttpStatusCode.NotFound);
    }

    private async Task<JsonNode> FinishedAsync(string jobId)
    {
        JsonNode? status = null;
        await Eventually.TrueAsync(
            async () => (status = await _planner.GetJsonAsync($"{Jobs}/{jobId}"))["status"].Str() == "Finished",
            () => $"job {jobId} to finish: {status?.ToJsonString()}",
            TimeSpan.FromMinutes(1));
        return status!;
    }
}
