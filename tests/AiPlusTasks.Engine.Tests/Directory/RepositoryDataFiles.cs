using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tests.Directory;

/// <summary>The repository's directory and catalog files.</summary>
public static class RepositoryDataFiles
{
    public static string AgenciesPath => Path.Combine(RepositoryPaths.Workflows, DirectoryFiles.FolderName, DirectoryFiles.AgenciesFileName);

    public static string CatalogPath => Path.Combine(RepositoryPaths.Workflows, DirectoryFiles.FolderName, DirectoryFiles.CatalogFileName);
}
