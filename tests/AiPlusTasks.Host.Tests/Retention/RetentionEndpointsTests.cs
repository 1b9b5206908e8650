using System.Net;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Retention;

namespace AiPlusTasks.Host.Tests.Retention;

/// <summary><c>POST /api/retention/run</c>, and the 410 an archived instance's routes answer.</summary>
public sealed class RetentionEndpointsTests(RetentionEndpointsTests.Factory factory) : IClassFixture<RetentionEndpointsTests.Factory>
{
    [Fact]
    public async Task RunRetention_FinishedInstancePastTheLimit_ArchivedAndItsRoutesAnswer410()
    {
        // Arrange: an instance finished, then two days on (the limit here is one).
        var planner = factory.CreateClientFor("ndrc.planner");
        var (instanceId, taskId) = await planner.StartHumanTaskAsync();
        await factory.CreateClientFor("guangdong.staff").CompleteTaskAsync(taskId, "Submitted", new JsonObject { ["progress"] = 100 });
        Assert.Equal("Finished", (await planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
        factory.Time.Advance(TimeSpan.FromDays(2));

        // Act
        var report = await (await factory.CreateClientFor("ndrc.admin").PostAsync(new Uri("/api/retention/run", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.True(report["archivedInstances"].Int() >= 1, report.ToJsonString());
        var file = report["archiveFile"].Str();
        var instance = await (await planner.GetRawAsync($"{HttpApi.Instances}/{instanceId}")).ExpectAsync(HttpStatusCode.Gone);
        Assert.Contains("archived", instance["detail"].Str(), StringComparison.Ordinal);
        Assert.Contains(file, instance["detail"].Str(), StringComparison.Ordinal);
        await (await planner.GetRawAsync($"{HttpApi.Instances}/{instanceId}/journal")).ExpectAsync(HttpStatusCode.Gone);
        await (await planner.GetRawAsync($"{HttpApi.Instances}/no-such-instance")).ExpectAsync(HttpStatusCode.NotFound);
        var lines = new List<JsonObject>();
        await foreach (var line in InstanceArchive.ReadAsync(Path.Combine(factory.ArchiveFolder, file)))
        {
            lines.Add(line);
        }

        var archived = Assert.Single(lines, l => l["instance"]!["id"].Str() == instanceId);
        Assert.Equal(taskId, Assert.Single(archived["tasks"]!.AsArray())!["id"].Str());
        Assert.NotEmpty(archived["journal"]!.AsArray());
    }

    [Theory]
    [InlineData("ndrc.planner")]
    [InlineData("ndrc.auditor")]
    [InlineData("guangdong.lead")]
    public async Task RunRetention_NotAnAdministrator_Forbidden(string user)
    {
        var response = await factory.CreateClientFor(user).PostAsync(new Uri("/api/retention/run", UriKind.Relative), null);

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Instances archived a day after they end, into a folder of the fixture's own; no schedule.</summary>
    public sealed class Factory : HostFactory
    {
        public string ArchiveFolder { get; } = Path.Combine(Path.GetTempPath(), "aiplustasks-host-tests", $"archive-{Guid.NewGuid():N}");

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Retention:Enabled"] = "false",
            ["Retention:Instances:KeepFor"] = "1.00:00:00",
            ["Retention:ArchiveFolder"] = ArchiveFolder,
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(ArchiveFolder))
            {
                Directory.Delete(ArchiveFolder, recursive: true);
            }
        }
    }
}
