using System.Net;
using AiPlusTasks.Engine.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Audit;

/// <summary>A line deleted from the database (a host of its own: the gap stays).</summary>
public sealed class AuditChainDeletionTests(AuditHostFactory factory) : IClassFixture<AuditHostFactory>
{
    [Fact]
    public async Task Verify_OneStoredLineDeletedInTheDatabase_ReportsItsSequenceAsMissing()
    {
        // Arrange: four sealed lines.
        var target = "deletion-test:" + Guid.NewGuid().ToString("N");
        var trail = factory.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < 4; i++)
        {
            await trail.RecordAsync(new AuditEntry("test.line", "ndrc.admin", target, AuditOutcomes.Succeeded, Detail: $"line {i}"));
        }

        await factory.Services.GetRequiredService<AuditSealer>().SealAsync();
        var lines = (await trail.ListAsync(new AuditQuery(Target: target))).OrderBy(l => l.Sequence).ToList();
        var (deleted, next) = (lines[1], lines[2]);

        // Act
        Assert.Equal(1, await factory.TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {deleted.Id}"""));
        var result = await (await factory.CreateClientFor("ndrc.admin").GetAsync(new Uri("/api/audit/verify", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);

        // Assert: the missing sequence, and the line after the gap.
        Assert.False(result["intact"]!.GetValue<bool>());
        var broken = result["break"]!;
        Assert.Equal((deleted.Sequence!.Value, next.Id, AuditBreakKinds.Deleted), (broken["sequence"]!.GetValue<long>(), broken["entryId"]!.GetValue<long>(), broken["kind"].Str()));
        Assert.Equal(deleted.Sequence.Value - 1, result["checked"]!.GetValue<long>());
    }
}
