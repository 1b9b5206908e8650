using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Cli.Definitions;

/// <summary>A folder of definitions, one <c>*.json</c> file each (not its subfolders: <c>workflows/</c> keeps calendars and plans there).</summary>
public static class DefinitionFolder
{
    public static IReadOnlyList<DefinitionFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CommandFailedException($"No folder {folder}.");
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(ReadFile)];
    }

    /// <summary>Where the definition goes: the file that already holds it, else <c>&lt;definitionId&gt;.json</c>.</summary>
    public static string PathFor(string folder, IReadOnlyList<DefinitionFile> files, string definitionId) =>
        files.FirstOrDefault(f => f.DefinitionId == definitionId)?.Path ?? Path.Combine(folder, definitionId + ".json");

    private static DefinitionFile ReadFile(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return new(path, text, DefinitionText.Normalize(text, Path.GetFileName(path)), null);
        }
        catch (DefinitionFormatException e)
        {
            return new(path, text, null, e.Message);
        }
    }
}
