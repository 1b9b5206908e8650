using System.Reflection;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Persistence;

/// <summary>
/// The burst path reads rows through <see cref="RowReader"/> instead of EF Core: for any row <see cref="RowWriter"/>
/// stores, what the reader reads inside the same transaction must be what EF Core reads (the reference model) — every
/// column, through the same value converters (SQLite's times as numbers, enums as text), nulls included.
/// </summary>
public sealed class RowReaderTests : EngineTest
{
    private static readonly RowQuery<TaskRecord> TaskById = new([nameof(TaskRecord.Id)]);
    private static readonly RowQuery<ProgressReportRecord> ReportsOfTask = new([nameof(ProgressReportRecord.TaskId)], orderBy: nameof(ProgressReportRecord.Id));

    private static readonly Gen<string?> Text = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>("", " ", "'; DROP TABLE \"Tasks\"; --", "国家发展改革委 NDRC", "\"quoted\"", "line\nbreak")),
        (3, Gen.String[0, 60].Select(s => (string?)s)));

    private static readonly Gen<DateTimeOffset> Time = Gen.Select(
        Gen.Long[new DateTime(2000, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks],
        Gen.Int[-14 * 4, 14 * 4],
        (ticks, quarterHours) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(quarterHours * 15)));

    private static readonly Gen<TaskRecord> AnyTask = Gen.Select(Text.Array[14], Gen.Int.Array[4], Gen.Enum<TaskState>(), Gen.Enum<TaskColour>(), Time.Array[3], Gen.Bool.Array[2], (texts, numbers, state, colour, times, present) =>
        new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            InstanceId = texts[0] ?? "instance",
            DefinitionId = texts[1] ?? "definition",
            ActivityId = "activity",
            BookmarkId = "bookmark",
            CorrelationId = texts[2],
            Title = texts[3] ?? "标题",
            TitleEn = texts[4],
            Description = texts[5],
            DescriptionEn = texts[6],
            Kind = StepKinds.Report,
            AgencyCode = "guangdong",
            AssigneeRole = texts[7],
            AssigneeUser = texts[8],
            ClaimedBy = texts[9],
            State = state,
            Colour = colour,
            Priority = numbers[0],
            Pillar = texts[10],
            Outcomes = "[\"Done\"]",
            Schema = texts[11],
            ReturnCount = numbers[1],
            EscalationLevel = numbers[2],
            Result = texts[12],
            CompletedBy = texts[13],
            DueAt = present[0] ? times[0] : null,
            CreatedAt = times[1],
            UpdatedAt = times[2],
            CompletedAt = present[1] ? times[2] : null,
            ConcurrencyVersion = numbers[3],
        });

    [Fact]
    public async Task ReadAsync_AnyStoredTaskByKey_ReadsWhatEfCoreReads()
    {
        await AnyTask.SampleAsync(
            async task =>
            {
                // Arrange
                await using var db = await Db();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var writer = RowWriter.For(db);
                await writer.InsertAsync(transaction.GetDbTransaction(), [task], CancellationToken.None);

                // Act
                var read = await RowReader.For(db).ReadAsync(transaction.GetDbTransaction(), TaskById, [task.Id], CancellationToken.None);

                // Assert
                var reference = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
                AssertSameColumns(reference, Assert.Single(read));
                Assert.Empty(await RowReader.For(db).ReadAsync(transaction.GetDbTransaction(), TaskById, [task.Id + "-missing"], CancellationToken.None));
            },
            iter: 60,
            threads: 1);
    }

    [Fact]
    public async Task ReadAsync_AnyReportsOfATask_ReadsExactlyTheRowsEfCoreReadsInOrder()
    {
        var reports = Gen.Select(Gen.Int[0, 5], Text, Time, Gen.Enum<TaskColour>(), (count, text, at, colour) => (count, text, at, colour));
        await reports.SampleAsync(
            async sample =>
            {
                // Arrange: the task's reports among another task's.
                var taskId = Guid.NewGuid().ToString("N");
                var rows = Enumerable.Range(1, sample.count).Select(i => Report(taskId, i, sample.text, sample.at, sample.colour))
                    .Append(Report(taskId + "-other", 1, sample.text, sample.at, sample.colour)).ToList();
                await using var db = await Db();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var writer = RowWriter.For(db);
                await writer.InsertAsync(transaction.GetDbTransaction(), rows, CancellationToken.None);

                // Act
                var read = await RowReader.For(db).ReadAsync(transaction.GetDbTransaction(), ReportsOfTask, [taskId], CancellationToken.None);

                // Assert
                var reference = await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Id).ToListAsync();
                Assert.Equal(sample.count, reference.Count);
                Assert.Equal(reference.Count, read.Count);
                foreach (var (expected, actual) in reference.Zip(read))
                {
                    AssertSameColumns(expected, actual);
                }
            },
            iter: 30,
            threads: 1);
    }

    private static ProgressReportRecord Report(string taskId, int sequence, string? text, DateTimeOffset at, TaskColour colour) => new()
    {
        TaskId = taskId,
        Sequence = sequence,
        ReportedBy = "guangdong.staff",
        ReportedAt = at,
        Done = text,
        ProgressPercent = sequence * 10,
        SelfColour = colour,
        Confidence = sequence,
        Evidence = "[]",
    };

    private static void AssertSameColumns<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (want, got) = (property.GetValue(expected), property.GetValue(actual));
            Assert.True(Equals(want, got), $"{typeof(T).Name}.{property.Name}: EF Core read '{want}', RowWriter read '{got}'");
            if (want is DateTimeOffset time)
            {
                Assert.Equal(time.Offset, ((DateTimeOffset)got!).Offset);
            }
        }
    }

    private Task<WorkflowDbContext> Db() => Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}
