namespace AiPlusTasks.Bench.Scale;

/// <summary>Finds the repository's <c>workflows/</c> folder from the current directory or the program's folder, upwards.</summary>
internal static class RepositoryFolders
{
    public static string Workflows()
    {
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "workflows");
                if (File.Exists(Path.Combine(candidate, "national-key-task.json")))
                {
                    return candidate;
                }
            }
        }

        throw new BenchmarkFailedException("cannot find the repository's workflows/ folder above the current directory or the program");
    }
}
