using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// Loads the official calendar from a folder of year files (<c>workflows/calendar/2026.json</c>, …; see
/// <see cref="CalendarFileReader"/> for the format and its checks). Every problem in a file is reported at once, each with
/// its JSON path and line; a folder that does not exist holds no years.
/// </summary>
public static class CalendarFiles
{
    /// <summary>The folder under the workflows folder that holds the year files.</summary>
    public const string FolderName = "calendar";

    /// <summary>Reads every <c>*.json</c> file of <paramref name="folder"/>, in year order.</summary>
    /// <exception cref="DirectoryDataException">A file is malformed JSON or breaks a rule; lists every problem with its line.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static IReadOnlyList<CalendarYear> Load(string folder) =>
        System.IO.Directory.Exists(folder)
            ? [.. System.IO.Directory.EnumerateFiles(folder, "*.json").Select(file => CalendarFileReader.Read(DataFile.Open(file))).OrderBy(y => y.Year)]
            : [];
}
