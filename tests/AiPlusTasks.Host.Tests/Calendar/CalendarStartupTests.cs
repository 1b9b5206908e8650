using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Tests.Shared;

namespace AiPlusTasks.Host.Tests.Calendar;

/// <summary>The year files are checked when the Host starts: a broken one stops it, naming the file, the field and the line.</summary>
public sealed class CalendarStartupTests
{
    [Fact]
    public async Task Start_CalendarFileWithAMakeUpDayOnAWeekday_FailsNamingFileFieldAndLine()
    {
        // Arrange: the shipped workflows folder, with 2026-01-04's make-up working day moved to Monday 01-05 (line 9).
        var folder = CopyWorkflows();
        var file = Path.Combine(folder, "calendar", "2026.json");
        var lines = File.ReadAllLines(file);
        Assert.Contains("2026-01-04", lines[8], StringComparison.Ordinal);
        lines[8] = lines[8].Replace("2026-01-04", "2026-01-05", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
        await using var factory = new WorkflowsFolderHostFactory(folder);

        // Act
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        // Assert
        var data = Unwrap(error) as DirectoryDataException ?? throw new Xunit.Sdk.XunitException($"the start failed otherwise: {error}");
        Assert.EndsWith("2026.json", data.FilePath, StringComparison.Ordinal);
        var problem = Assert.Single(data.Problems);
        Assert.Equal(("days[3].kind", 9L), (problem.Path, problem.Line));
        Assert.Contains("Monday", problem.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_CalendarFileThatIsNotJson_FailsNamingTheFile()
    {
        var folder = CopyWorkflows();
        File.WriteAllText(Path.Combine(folder, "calendar", "2025.json"), "{\"year\": 2025, \"days\": [");
        await using var factory = new WorkflowsFolderHostFactory(folder);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var data = Unwrap(error) as DirectoryDataException ?? throw new Xunit.Sdk.XunitException($"the start failed otherwise: {error}");
        Assert.EndsWith("2025.json", data.FilePath, StringComparison.Ordinal);
        Assert.Contains("2025.json", data.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static Exception Unwrap(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DirectoryDataException)
            {
                return e;
            }

            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                return Unwrap(aggregate.InnerExceptions[0]);
            }
        }

        return error;
    }

    private static string CopyWorkflows()
    {
        var target = Path.Combine(Path.GetTempPath(), "aiplustasks-calendar-tests", Guid.NewGuid().ToString("N"));
        foreach (var source in Directory.EnumerateFiles(RepositoryPaths.Workflows, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Workflows, source));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy);
        }

        return target;
    }

    private sealed class WorkflowsFolderHostFactory(string folder) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Workflows:Path"] = folder };
    }
}
