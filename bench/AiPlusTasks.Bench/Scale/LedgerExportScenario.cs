using System.Diagnostics;
using System.Globalization;
using AiPlusTasks.Engine.Exports;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Tasks;
using MiniExcelLibs;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 21: the 台账 of a plan with about 100,000 rows, through <see cref="ExportService.LedgerAsync"/> and
/// <see cref="ExportWriter"/> as the HTTP route runs them, as an NDRC planner (every row). Bulk-loads the inbox dataset's
/// task rows (70 % of them in the seeded plan, each its own part) and a progress report for each report step, then writes
/// the ledger as .xlsx and as CSV to a stream that cannot seek (as a response body), timing each and taking the
/// process's peak working set; the workbook is read back (MiniExcel, streaming) and must hold every part of the plan.
/// </summary>
internal static class LedgerExportScenario
{
    public const string Name = "export-ledger";

    private const string PlanId = "ai-plus-2025-2027";

    /// <summary>Task rows loaded: 70 % of them fall in the plan, about 100,000.</summary>
    private const int TaskRows = 143_000;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode)
    {
        await using var host = await ScaleHost.StartAsync();
        var seed = PlanJson.Deserialize<PlanSeed>(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Workflows(), "plans", $"{PlanId}.json")));
        await host.Plans.SeedAsync(seed);
        await BulkLoader.LoadAsync(host, InboxDataset.For(host).Rows(TaskRows));
        await using var probe = await host.OpenConnectionAsync();
        await Sql.ExecuteAsync(probe,
            "INSERT INTO ProgressReports (TaskId, Sequence, ReportedBy, ReportedAt, ProgressPercent, SelfColour, Confidence, Done) " +
            "SELECT Id, 1, AgencyCode || '.staff', CreatedAt, abs(random()) % 101, 'Green', 7, '按计划推进，已完成阶段目标' FROM Tasks WHERE Kind = 'report'");
        var parts = await Sql.ScalarAsync(probe, $"SELECT COUNT(*) FROM (SELECT DISTINCT InstanceId, AgencyCode FROM Tasks WHERE PlanId = '{PlanId}')");
        var reports = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM ProgressReports");

        var exports = host.Services.GetRequiredService<ExportService>();
        var planner = new Caller("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var file = Path.Combine(Path.GetDirectoryName(host.DatabaseFile)!, "ledger.xlsx");

        var peakBefore = PeakWorkingSet.Bytes() / 1024.0 / 1024.0;
        var xlsx = Stopwatch.StartNew();
        await using (var output = new ResponseLikeStream(File.Create(file)))
        {
            await ExportWriter.WriteAsync(output, ExportFormat.Xlsx, await exports.LedgerAsync(planner, PlanId, null, zh), CancellationToken.None);
        }

        xlsx.Stop();
        var xlsxBytes = new FileInfo(file).Length;
        var csv = Stopwatch.StartNew();
        long csvBytes;
        await using (var output = new ResponseLikeStream(Stream.Null))
        {
            await ExportWriter.WriteAsync(output, ExportFormat.Csv, await exports.LedgerAsync(planner, PlanId, null, zh), CancellationToken.None);
            csvBytes = output.Written;
        }

        csv.Stop();
        var peak = PeakWorkingSet.Bytes() / 1024.0 / 1024.0;
        var readBack = MiniExcel.Query(file, useHeaderRow: true).LongCount();
        if (readBack != parts || parts < 90_000)
        {
            throw new BenchmarkFailedException($"ledger export: {readBack:N0} rows read back from the workbook, {parts:N0} parts of the plan in the database");
        }

        var details = FormattableString.Invariant(
            $"{parts:N0} ledger rows (a row per agency part of the plan, from {TaskRows:N0} task rows and {reports:N0} progress reports), NDRC planner (every row), zh-CN; ") +
            FormattableString.Invariant($"written to a stream that cannot seek, as an HTTP response; .xlsx {xlsxBytes / 1024.0 / 1024.0:F1} MB, CSV {csvBytes / 1024.0 / 1024.0:F1} MB; ") +
            MachineLoad.Text();
        return
        [
            new Figure(Name, "100k-row ledger as .xlsx", xlsx.Elapsed.TotalSeconds, "s", "", null, details),
            new Figure(Name, "100k-row ledger as CSV", csv.Elapsed.TotalSeconds, "s", "", null, ""),
            new Figure(Name, "peak working set before the exports (host, bulk load)", peakBefore, "MB", "", null, ""),
            new Figure(Name, "peak working set after both exports", peak, "MB", "", null,
                "the rows stream from the database to the file: MiniExcel writes each row to the zip entry as it comes"),
        ];
    }

    /// <summary>A write-only stream that cannot seek, like a response body, counting what it passes on.</summary>
    private sealed class ResponseLikeStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
