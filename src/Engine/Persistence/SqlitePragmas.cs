using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Sets SQLite's per-connection pragma once per physical connection: the configured <c>synchronous</c> level (NORMAL
/// by default: durable across a process crash; FULL also across power loss). Microsoft.Data.Sqlite pools physical
/// connections, and a pooled one keeps its pragmas, so a reopen that gets the same native handle skips the command.
/// The WAL journal mode is stored in the file and set once by <see cref="DatabaseMigrator"/>.
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={synchronous};";
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether this physical connection is new to us (true for anything we cannot tell apart).</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
