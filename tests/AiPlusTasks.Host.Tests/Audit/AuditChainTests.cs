using System.Diagnostics;
using System.Net;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Host.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Audit;

/// <summary>
/// The hash chain of the audit trail (docs/decisions/032): verify finds an edited line, a moved one, and the Host's
/// <c>audit verify</c> command says so in its exit code. Each test puts the database back as it found it.
/// </summary>
public sealed class AuditChainTests(AuditHostFactory factory) : IClassFixture<AuditHostFactory>
{
    private const string Auditor = "ndrc.auditor";

    [Fact]
    public async Task Verify_OneStoredLineEditedInTheDatabase_ReportsExactlyThatLineAsTheFirstBrokenLink()
    {
        // Arrange: five lines, sealed by a first verify.
        var lines = await WriteLinesAsync(5);
        var auditor = factory.CreateClientFor(Auditor);
        var before = await (await auditor.GetAsync(new Uri("/api/audit/verify", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(before["intact"]!.GetValue<bool>(), before.ToJsonString());
        var edited = lines[2];

        // Act: someone with database access rewrites the third line's detail.
        Assert.Equal(1, await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Detail" = 'nothing happened' WHERE "Id" = {edited.Id}"""));
        var after = await (await auditor.GetAsync(new Uri("/api/audit/verify", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Detail" = {edited.Detail} WHERE "Id" = {edited.Id}""");

        // Assert
        Assert.False(after["intact"]!.GetValue<bool>());
        var broken = after["break"]!;
        Assert.Equal((edited.Id, edited.Sequence!.Value, AuditBreakKinds.Edited), (broken["entryId"]!.GetValue<long>(), broken["sequence"]!.GetValue<long>(), broken["kind"].Str()));
        Assert.Equal(edited.Sequence.Value - 1, after["checked"]!.GetValue<long>());
        Assert.True((await VerifyAsync()).Intact, "the restored line links again");
    }

    [Fact]
    public async Task Verify_TwoLinesSwappedInTheDatabase_ReportsTheFirstOfThemAsReordered()
    {
        // Arrange
        var lines = await WriteLinesAsync(3);
        Assert.True((await VerifyAsync()).Intact);
        var (first, second) = (lines[0], lines[1]);

        // Act: the two lines change places (sequence numbers swapped through a free number).
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Id" = {first.Id}""");
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = {first.Sequence} WHERE "Id" = {second.Id}""");
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = {second.Sequence} WHERE "Id" = {first.Id}""");
        var result = await VerifyAsync();
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Id" = {second.Id}""");
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = {first.Sequence} WHERE "Id" = {first.Id}""");
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Sequence" = {second.Sequence} WHERE "Id" = {second.Id}""");

        // Assert
        Assert.False(result.Intact);
        Assert.Equal((first.Sequence!.Value, second.Id, AuditBreakKinds.Reordered), (result.Break!.Sequence, result.Break.EntryId, result.Break.Kind));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AuditVerifyCommand_IntactThenEdited_Exits0Then1NamingTheLine()
    {
        // Arrange
        var lines = await WriteLinesAsync(2);
        using var intactOutput = new StringWriter();
        var intact = await AuditCommand.RunAsync(["audit", "verify"], factory.Services, intactOutput);
        var edited = lines[1];

        // Act
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Actor" = 'someone.else' WHERE "Id" = {edited.Id}""");
        using var brokenOutput = new StringWriter();
        var broken = await AuditCommand.RunAsync(["audit", "verify"], factory.Services, brokenOutput);
        await factory.TamperAsync($"""UPDATE "AuditEntries" SET "Actor" = {edited.Actor} WHERE "Id" = {edited.Id}""");

        // Assert
        Assert.Equal(0, intact);
        Assert.Contains("intact", intactOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, broken);
        Assert.Contains($"entry {edited.Id}", brokenOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerifyCommand_RunAsTheHostProcess_ExitsWithoutServingAndSaysIntact()
    {
        // Arrange: the Host's own program, on this test's database, with no server started (no --urls, no port taken).
        await WriteLinesAsync(1);
        Assert.True((await VerifyAsync()).Intact);
        var host = Path.Combine(AppContext.BaseDirectory, "AiPlusTasks.Host.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[host, "audit", "verify"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__AiPlusTasks"] = $"Data Source={factory.DatabasePath}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";

        // Act
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output} {errors}");
        Assert.Contains("audit trail intact", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AsAgencyLeadOrPlanner_Is403()
    {
        // Act
        var lead = await factory.CreateClientFor("guangdong.lead").GetAsync(new Uri("/api/audit/verify", UriKind.Relative));
        var planner = await factory.CreateClientFor("ndrc.planner").GetAsync(new Uri("/api/audit/verify", UriKind.Relative));

        // Assert
        await lead.ExpectAsync(HttpStatusCode.Forbidden);
        await planner.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/audit", true)]
    [InlineData("/api/audit/export.csv", true)]
    [InlineData("/api/audit/verify", false)]
    public async Task OpenApi_AuditRoute_HasASummaryAndProblemDetailsAnswers(string path, bool filtered)
    {
        // Act
        var document = await factory.CreateClientFor(Auditor).GetJsonAsync("/openapi/v1.json");

        // Assert
        var operation = document["paths"]![path]!["get"]!;
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()));
        Assert.Equal("Audit", operation["tags"]![0].Str());
        foreach (var status in filtered ? (string[])["400", "403"] : ["403"])
        {
            Assert.NotNull(operation["responses"]![status]!["content"]!["application/problem+json"]);
        }
    }

    /// <summary>Writes <paramref name="count"/> lines of a target of their own, seals them, and returns them oldest first.</summary>
    private async Task<IReadOnlyList<AuditEntryView>> WriteLinesAsync(int count)
    {
        var target = "chain-test:" + Guid.NewGuid().ToString("N");
        var trail = factory.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < count; i++)
        {
            await trail.RecordAsync(new AuditEntry("test.line", "ndrc.admin", target, AuditOutcomes.Succeeded, "198.51.100.9", $"line {i}"));
        }

        await factory.Services.GetRequiredService<AuditSealer>().SealAsync();
        var lines = await trail.ListAsync(new AuditQuery(Target: target));
        return [.. lines.OrderBy(l => l.Sequence)];
    }

    private Task<AuditVerification> VerifyAsync() => factory.Services.GetRequiredService<AuditSealer>().VerifyAsync();
}
