namespace AiPlusTasks.Cli.Tests;

/// <summary>A folder of its own for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aiplus-cli-tests", Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>A copy of the repository's definition files (the top level of <c>workflows/</c>).</summary>
    public static TempFolder WithRepositoryDefinitions()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.json"))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(folder.Path, System.IO.Path.GetFileName(file)));
        }

        return folder;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
