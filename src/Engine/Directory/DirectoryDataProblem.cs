namespace AiPlusTasks.Engine.Directory;

/// <summary>One problem found in an agency directory or catalog file.</summary>
/// <param name="Path">The JSON path of what is wrong, e.g. <c>agencies[3].parent</c>; empty for the file as a whole.</param>
/// <param name="Message">What is wrong, for a person.</param>
/// <param name="Line">
/// 1-based line: of the value at <paramref name="Path"/>, or of its object when the value is missing, or of the syntax
/// error in malformed JSON; null when the problem is about the file as a whole.
/// </param>
/// <param name="Position">1-based byte position in the line, for malformed JSON only.</param>
public sealed record DirectoryDataProblem(string Path, string Message, long? Line, long? Position = null)
{
    /// <summary>The problem as one line of text, e.g. <c>line 12, agencies[3].parent: unknown parent 'xyz'</c>.</summary>
    public override string ToString()
    {
        var where = Line is null ? "" : Position is null ? $"line {Line}" : $"line {Line}, position {Position}";
        if (Path.Length > 0)
        {
            where = where.Length == 0 ? Path : $"{where}, {Path}";
        }

        return where.Length == 0 ? Message : $"{where}: {Message}";
    }
}
