using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Sets SQLite's per-connection pragma on every open: the configured <c>synchronous</c> level (NORMAL by default:
/// durable across a process crash; FULL also across power loss). The WAL journal mode is stored in the file and set
/// once by <see cref="DatabaseMigrator"/>.
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={synchronous};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
