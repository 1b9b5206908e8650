using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// Evidence files in and out: names cleaned, kinds allow-listed (and the content checked against its kind) before a
/// file is stored; downloads as attachments with a safe RFC 5987 name, <c>nosniff</c> and the listed type — also for an
/// entry stored before these rules.
/// </summary>
[Trait("Category", "Security")]
public sealed class EvidenceFileTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly byte[] Pdf = Encoding.UTF8.GetBytes("%PDF-1.7 广东 试点验收\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("guangdong.staff");

    [Theory]
    [InlineData("page.html", "text/html")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("setup.exe", "application/octet-stream")]
    [InlineData("script.js", "text/javascript")]
    [InlineData("noextension", "text/html")]
    [InlineData("noextension", "")]
    public async Task ReportProgress_KindNotAccepted_Returns400NamingContentType(string fileName, string contentType)
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", Report(new { fileName, contentType, contentBase64 = Convert.ToBase64String("<script>alert(1)</script>"u8.ToArray()) }));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["evidence[0].contentType"], problem.ErrorKeys());
        Assert.Contains("PDF", problem.ErrorText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("报告.pdf")]
    [InlineData("照片.png")]
    [InlineData("汇总.xlsx")]
    [InlineData("通知.doc")]
    public async Task ReportProgress_ContentNotOfItsKind_Returns400NamingContent(string fileName)
    {
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        var response = await _staff.TaskActionAsync(taskId, "progress-reports", Report(new { fileName, contentType = "application/octet-stream", contentBase64 = Convert.ToBase64String("<html><script>alert(1)</script>"u8.ToArray()) }));

        Assert.Equal(["evidence[0].content"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task ReportProgress_HostileNames_AreStoredCleanWithTheKindsType()
    {
        // Arrange: a Windows path, a right-to-left override and a zero-width space hiding ".exe", a bell; a very long
        // name; a name without extension whose declared type is listed; a declared type that lies about a PDF.
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var longName = new string('长', 190) + ".pdf"; // under the 200 characters an upload may name, over the 120 kept
        var report = Report(
            new { fileName = "C:\\fakepath\\..\\合同\u202Etxt.exe\u200B\u0007.pdf", contentType = "text/html", contentBase64 = Convert.ToBase64String(Pdf) },
            new { fileName = longName, contentType = "application/pdf", contentBase64 = Convert.ToBase64String(Pdf) },
            new { fileName = "../扫描件", contentType = "image/png", contentBase64 = Convert.ToBase64String(Png) });

        // Act
        var task = await (await _staff.TaskActionAsync(taskId, "progress-reports", report)).ExpectAsync(HttpStatusCode.OK);

        // Assert
        var files = task["reports"]![0]!["evidence"]!.AsArray().Select(f => (f!["fileName"].Str(), f["contentType"].Str())).ToList();
        Assert.Equal(("合同txt.exe.pdf", "application/pdf"), files[0]);
        Assert.Equal(120, files[1].Item1.Length);
        Assert.EndsWith(".pdf", files[1].Item1, StringComparison.Ordinal);
        Assert.Equal(("扫描件.png", "image/png"), files[2]);
    }

    [Fact]
    public async Task GetEvidence_ListedKind_AttachmentWithRfc5987NameNosniffAndItsType()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "progress-reports", Report(new { fileName = "试点 \"验收\"\r\n报告.pdf", contentType = "text/html", contentBase64 = Convert.ToBase64String(Pdf) })))
            .ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _staff.GetRawAsync($"{HttpApi.Tasks}/{taskId}/evidence/{Sha(Pdf)}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("试点 _验收_报告.pdf", disposition.FileNameStar);
        Assert.True(disposition.FileName!.All(c => c is >= ' ' and <= '~'), disposition.FileName);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains(response.Headers.GetValues("Content-Security-Policy"), p => p.StartsWith("sandbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetEvidence_EntryStoredBeforeTheRules_IsOpaqueBytesNamedSafely()
    {
        // Arrange: a report stored as the old code stored it, naming an HTML page with a bidi override.
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await (await _staff.TaskActionAsync(taskId, "progress-reports", Report(new { fileName = "old.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String("<html><script>alert(1)</script>"u8.ToArray()) })))
            .ExpectAsync(HttpStatusCode.OK);
        var sha = Sha("<html><script>alert(1)</script>"u8.ToArray());
        var legacy = new JsonArray(new JsonObject { ["fileName"] = "a/b/通知\u202Elmth.html", ["contentType"] = "text/html", ["size"] = 31, ["sha256"] = sha }).ToJsonString();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE ProgressReports SET Evidence = $evidence WHERE TaskId = $task";
            update.Parameters.AddWithValue("$evidence", legacy);
            update.Parameters.AddWithValue("$task", taskId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // Act
        var response = await _staff.GetRawAsync($"{HttpApi.Tasks}/{taskId}/evidence/{sha}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("通知lmth.html.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static object Report(params object[] evidence) => new
    {
        done = "完成模型选型",
        progressPercent = 60,
        selfColour = "Green",
        confidence = 7,
        evidence,
    };
}
