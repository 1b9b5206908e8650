namespace AiPlusTasks.Host.Tests;

/// <summary>Folders of the repository the tests run from, found by walking up to <c>AiPlusTasks.sln</c>.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>AiPlusTasks.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>workflows/</c> folder seeded at start-up.</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiPlusTasks.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains AiPlusTasks.sln");
    }
}
