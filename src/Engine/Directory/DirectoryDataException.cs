namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// An agency directory or catalog file is malformed or invalid. <see cref="Problems"/> lists every problem found (for
/// malformed JSON, the one syntax error); the message names the file and each problem with its line.
/// </summary>
public sealed class DirectoryDataException : Exception
{
    public DirectoryDataException(string filePath, IReadOnlyList<DirectoryDataProblem> problems, Exception? inner = null)
        : base($"{filePath}: {problems.Count} problem(s): " + string.Join("; ", problems), inner)
    {
        FilePath = filePath;
        Problems = problems;
    }

    /// <summary>The file, as the path given to the loader.</summary>
    public string FilePath { get; }

    public IReadOnlyList<DirectoryDataProblem> Problems { get; }
}
