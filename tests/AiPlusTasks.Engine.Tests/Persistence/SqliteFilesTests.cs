using AiPlusTasks.Engine.Persistence;

namespace AiPlusTasks.Engine.Tests.Persistence;

/// <summary>An in-memory database has no file: the migrator must not create one named after its connection string.</summary>
public sealed class SqliteFilesTests
{
    [Theory]
    [InlineData("Data Source=:memory:", true)]
    [InlineData("Data Source=bench;Mode=Memory;Cache=Shared", true)]
    [InlineData("Data Source=file:bench86bd?mode=memory&cache=shared", true)]
    [InlineData("Data Source=FILE:bench?MODE=MEMORY", true)]
    [InlineData("Data Source=/var/lib/aiplustasks/workflows.db", false)]
    [InlineData("Data Source=memory.db;Default Timeout=30", false)]
    [InlineData("Data Source=file:/data/workflows.db?cache=shared", false)]
    public void IsInMemory_TellsMemoryDatabasesFromFiles(string connectionString, bool inMemory) =>
        Assert.Equal(inMemory, SqliteFiles.IsInMemory(connectionString));
}
