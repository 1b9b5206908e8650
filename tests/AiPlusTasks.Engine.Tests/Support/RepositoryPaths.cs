namespace AiPlusTasks.Engine.Tests.Support;

/// <summary>Finds the repository from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

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
