namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>On Unix the SQLite database, its companions and its folder are the owner's alone.</summary>
[Trait("Category", "Security")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    [Fact]
    public async Task Start_NewDatabase_FilesAre0600AndFolder0700()
    {
        await using var host = new HostFactory();

        await (await host.CreateClientFor().GetAsync(new Uri("/api/tasks", UriKind.Relative))).ExpectAsync(System.Net.HttpStatusCode.OK);

        var folder = Path.GetDirectoryName(host.DatabasePath)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var files = Suffixes.Select(s => host.DatabasePath + s).ToList();
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.All(files, f => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(f)));
    }
}
