namespace AiPlusTasks.Tests.Shared;

/// <summary>Finds the repository from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The file names of every definition in <c>workflows/</c>, for data-driven tests.</summary>
    public static TheoryData<string> WorkflowFileNames()
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Workflows, "*.json").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(file));
        }

        return names;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiPlusTasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AiPlusTasks.sln not found above " + AppContext.BaseDirectory);
    }
}
