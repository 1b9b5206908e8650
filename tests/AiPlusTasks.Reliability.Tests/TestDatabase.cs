using System.Data.Common;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>The database a test's Host nodes share, created for the test and removed after it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary><c>Database:Provider</c> and <c>ConnectionStrings:AiPlusTasks</c> for the nodes.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>An open connection for the checks' read-only queries.</summary>
    public abstract Task<DbConnection> OpenAsync();

    public abstract ValueTask DisposeAsync();
}
