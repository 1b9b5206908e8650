using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Reads engine rows with plain ADO.NET commands on an open connection: the burst path's lookups, where EF Core's query
/// pipeline cost more than the SQL itself (docs/decisions/017). Like <see cref="RowWriter"/>, the SQL is built once per
/// model and query from EF's metadata — table and column names, value converters — so it matches the migrations on
/// every provider, and each command is prepared once per connection.
/// </summary>
internal sealed class RowReader
{
    private static readonly ConditionalWeakTable<IModel, RowReader> Readers = [];

    private readonly ConditionalWeakTable<object, Select> _selects = [];
    private readonly IModel _model;
    private readonly ISqlGenerationHelper _sql;

    private RowReader(WorkflowDbContext db)
    {
        _model = db.Model;
        _sql = db.GetService<ISqlGenerationHelper>();
    }

    /// <summary>The reader for <paramref name="db"/>'s model (built on first use).</summary>
    public static RowReader For(WorkflowDbContext db) => Readers.GetValue(db.Model, _ => new RowReader(db));

    /// <summary>The rows <paramref name="query"/> finds for <paramref name="values"/> (one per <see cref="RowQuery{T}.Where"/> property).</summary>
    public async Task<List<T>> ReadAsync<T>(DbConnection connection, RowQuery<T> query, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class
    {
        var select = _selects.GetValue(query, _ => new Select(_model.FindEntityType(typeof(T))!, query.Where, query.Select, query.OrderBy, _sql));
        var statement = PreparedStatement.For(connection, null, select.Sql, _sql);
        for (var i = 0; i < values.Count; i++)
        {
            statement.Add(select.Where[i].ToProvider(values[i]));
        }

        var rows = new List<T>();
        await using var reader = await statement.Command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Activator.CreateInstance<T>();
            for (var i = 0; i < select.Read.Count; i++)
            {
                select.Read[i].Write(row, reader, i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private sealed class Select
    {
        public Select(IEntityType entityType, IReadOnlyList<string> where, IReadOnlyList<string>? read, string? orderBy, ISqlGenerationHelper sql)
        {
            RowColumn Column(string property) => new(entityType.FindProperty(property) ?? throw new InvalidOperationException($"{entityType.ClrType.Name} has no property {property}"), sql);

            Where = [.. where.Select(Column)];
            Read = read is null ? [.. entityType.GetProperties().Select(p => new RowColumn(p, sql))] : [.. read.Select(Column)];
            var table = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
            var conditions = Where.Select((c, i) => $"{c.Name} = {PreparedStatement.Placeholder(sql, i)}");
            Sql = $"SELECT {string.Join(", ", Read.Select(c => c.Name))} FROM {table} WHERE {string.Join(" AND ", conditions)}"
                + (orderBy is null ? "" : $" ORDER BY {Column(orderBy).Name}");
        }

        public IReadOnlyList<RowColumn> Where { get; }

        public IReadOnlyList<RowColumn> Read { get; }

        public string Sql { get; }
    }
}
