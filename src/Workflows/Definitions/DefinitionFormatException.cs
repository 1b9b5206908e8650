namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// The text is not a readable definition: malformed JSON (with 1-based <see cref="Line"/> and
/// <see cref="Position"/>) or a JSON shape that is not Elsa 3's (with the JSON <see cref="Path"/>).
/// </summary>
public sealed class DefinitionFormatException : Exception
{
    public DefinitionFormatException(string message, string? source, long? line, long? position, string? path, Exception? inner = null)
        : base(Describe(message, source, line, position, path), inner)
    {
        Source = source;
        Line = line;
        Position = position;
        Path = path;
    }

    /// <summary>The file or request the text came from, when known.</summary>
    public new string? Source { get; }

    public long? Line { get; }

    public long? Position { get; }

    public string? Path { get; }

    private static string Describe(string message, string? source, long? line, long? position, string? path)
    {
        var where = source ?? "definition";
        if (line is not null)
        {
            where += $" line {line}, position {position}";
        }

        if (path is not null)
        {
            where += $" at {path}";
        }

        return $"{where}: {message}";
    }
}
