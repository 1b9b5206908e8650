using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Tests.Shared;

/// <summary>The temp folder a test host keeps its SQLite database in.</summary>
public static class TestDatabaseFolder
{
    /// <summary>
    /// Deletes the folder after its host stopped. Pooled connections keep the file open, so idle ones are closed first.
    /// </summary>
    public static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
