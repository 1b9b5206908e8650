using System.Diagnostics;
using System.Net;
using netDumbster.smtp;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// Issue 19: kill -9 the Host while it sends e-mail to a real SMTP server (netDumbster on loopback, in this process),
/// restart it on the same file: every notification's e-mail arrives, none is lost, and a duplicate (the window between
/// the server's OK and our commit) carries the same Message-ID.
/// </summary>
public sealed class NotificationKillTests(ITestOutputHelper output)
{
    private const int Probes = 300;

    [Fact]
    public async Task SingleNode_KilledWhileSendingEmail_Restarted_EveryEmailArrives_DuplicatesOnlyWithTheSameMessageId()
    {
        // Arrange: a real SMTP server, and a Host that sends to it (short lease, so a delivery left Sending is retried soon).
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var database = new SqliteTestDatabase();
        await using var nodes = new HostNodes(database, output, new Dictionary<string, string>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "noreply@example.cn",
            ["Notifications:SendLease"] = "00:00:03",
            ["Notifications:PollInterval"] = "00:00:00.100",
        });
        await nodes.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            var node = await nodes.StartAsync("a");
            await GiveEveryoneAnEmailAtAnyHourAsync(database);
            var planner = await node.SignInAsync();
            var workload = new Workload(delay: TimeSpan.FromSeconds(1));
            await workload.ImportAsync(planner);

            // Act: issue the probes' tasks (each one e-mail to guangdong's staff); kill -9 once some e-mails went out.
            await workload.StartAsync(Probes, () => planner);
            await Eventually.TrueAsync(() => Task.FromResult(smtp.ReceivedEmailCount >= Probes / 4), "a quarter of the e-mails", TimeSpan.FromSeconds(120));
            var receivedAtKill = smtp.ReceivedEmailCount;
            node.Kill();
            node = await nodes.StartAsync("a-restarted", node.Port);

            // Assert: every queued e-mail delivery is sent, and each arrived.
            List<string> expected = [];
            await Eventually.TrueAsync(
                async () =>
                {
                    expected = await EmailMessageIdsAsync(database, sentOnly: true);
                    return expected.Count >= Probes && expected.Count == (await EmailMessageIdsAsync(database, sentOnly: false)).Count;
                },
                () => $"every e-mail delivery sent ({expected.Count} of at least {Probes})",
                TimeSpan.FromSeconds(120));
            var received = smtp.ReceivedEmail.Select(e => e.Headers["Message-ID"]!.Trim('<', '>')).ToList();
            var receivedIds = received.ToHashSet(StringComparer.Ordinal);
            var lost = expected.Where(id => !receivedIds.Contains($"{id}@aiplustasks")).ToList();
            var duplicates = received.Count - receivedIds.Count;
            output.WriteLine($"kill -9 while sending e-mail: {expected.Count} e-mail deliveries, {receivedAtKill} received before the kill, " +
                $"{received.Count} received in all, {receivedIds.Count} distinct Message-IDs, {duplicates} duplicates (same Message-ID), {lost.Count} lost; run {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Empty(lost);
            Assert.Equal(expected.Count, receivedIds.Count);
            Assert.All(received, id => Assert.Contains(id, expected.Select(e => $"{e}@aiplustasks")));
        });
    }

    /// <summary>
    /// Every user gets an e-mail address and no quiet hours (the test's only writes to the database): this Host runs on the
    /// real clock, and from 22:00 to 08:00 China time the default quiet hours would hold every e-mail until morning.
    /// </summary>
    private static async Task GiveEveryoneAnEmailAtAnyHourAsync(SqliteTestDatabase database)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE "Users" SET "Email" = "Id" || '@example.cn' WHERE "Email" IS NULL;
            INSERT INTO "NotificationPreferences" ("UserId", "Language", "Channels", "QuietHoursEnabled", "QuietFrom", "QuietTo", "UpdatedAt")
            SELECT "Id", 'zh', '{}', 0, '22:00', '08:00', '2026-01-01 00:00:00+00:00' FROM "Users";
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> EmailMessageIdsAsync(TestDatabase database, bool sentOnly)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MessageId\" FROM \"NotificationDeliveries\" WHERE \"Channel\" = 'email'" + (sentOnly ? " AND \"State\" = 'Sent'" : "");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
