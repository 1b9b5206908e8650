using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Keeps a SQLite database to its owner on Unix: the folder 0700 and the database with its <c>-wal</c>, <c>-shm</c> and
/// <c>-journal</c> companions 0600. A new database file is created 0600 before SQLite opens it (SQLite gives its
/// companions the database file's mode); files and a folder left more open by an older version are tightened at
/// start-up. A shared folder (sticky bit, like <c>/tmp</c>) is never changed. Nothing is done on Windows, where the
/// folder's ACL decides.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Whether the connection string names an in-memory database (<c>:memory:</c>, <c>Mode=Memory</c>, or a URI file name
    /// with <c>mode=memory</c>), which has no file to prepare.
    /// </summary>
    public static bool IsInMemory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory
            || dataSource == ":memory:"
            || (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && dataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Creates the folder and an empty database file owner-only when missing, and tightens what exists.</summary>
    /// <param name="dataSource">The database file (a relative path is taken from the working folder, as SQLite does).</param>
    /// <param name="logger">Where a failure to change modes is reported (it does not stop the start).</param>
    public static void Prepare(string dataSource, ILogger logger)
    {
        var file = Path.GetFullPath(dataSource);
        var folder = Path.GetDirectoryName(file);
        if (OperatingSystem.IsWindows())
        {
            if (folder is not null)
            {
                System.IO.Directory.CreateDirectory(folder);
            }

            return;
        }

        try
        {
            if (folder is not null)
            {
                PrepareFolder(folder);
            }

            if (!File.Exists(file))
            {
                // An empty file is an empty database to SQLite; made here, it never exists with the process's umask.
                using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
            }

            foreach (var path in Companions.Select(c => file + c).Prepend(file).Where(File.Exists))
            {
                if ((File.GetUnixFileMode(path) & GroupOrOther) != 0)
                {
                    File.SetUnixFileMode(path, OwnerOnlyFile);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not make the database {File} readable by its owner only; check the permissions of its folder and files", file);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void PrepareFolder(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.CreateDirectory(folder, OwnerOnlyFolder);
            return;
        }

        var mode = File.GetUnixFileMode(folder);
        if ((mode & UnixFileMode.StickyBit) == 0 && (mode & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(folder, OwnerOnlyFolder);
        }
    }
}
