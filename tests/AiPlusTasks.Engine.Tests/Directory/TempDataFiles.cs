namespace AiPlusTasks.Engine.Tests.Directory;

/// <summary>A temporary folder for data files written by a test; deleted on dispose.</summary>
public sealed class TempDataFiles : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("aiplus-directory-").FullName;

    /// <summary>Writes a file and returns its full path.</summary>
    public string Write(string fileName, string text)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
}
