namespace AiPlusTasks.Bench;

/// <summary>A fresh folder under the system temp folder (the same disk for every file scenario).</summary>
internal static class TempFolder
{
    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aiplustasks-bench-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on shutdown leaves the folder behind; it is in the temp folder, so say so and go on.
            Console.Error.WriteLine($"note: could not delete {folder}");
        }
    }
}
