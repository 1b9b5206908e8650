using System.Collections.Concurrent;
using System.Data.Common;
using System.Numerics;
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

    /// <summary>Most values <see cref="ReadAnyOfAsync{T}"/> takes at once.</summary>
    public const int MaxAnyOf = 128;

    /// <summary>The rows <paramref name="query"/> finds for <paramref name="values"/> (one per <see cref="RowQuery{T}.Where"/> property).</summary>
    public Task<List<T>> ReadAsync<T>(DbConnection connection, RowQuery<T> query, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class => ReadAsync(connection, null, query, values, cancellationToken);

    /// <summary>The rows <paramref name="query"/> finds for <paramref name="values"/> as <paramref name="transaction"/> sees them (its own writes included).</summary>
    public Task<List<T>> ReadAsync<T>(DbTransaction transaction, RowQuery<T> query, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class => ReadAsync(transaction.Connection!, transaction, query, values, cancellationToken);

    private Task<List<T>> ReadAsync<T>(DbConnection connection, DbTransaction? transaction, RowQuery<T> query, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class
    {
        var select = SelectFor(query);
        var statement = PreparedStatement.For(connection, transaction, select.Sql, _sql);
        for (var i = 0; i < values.Count; i++)
        {
            statement.Add(select.Where[i].ToProvider(values[i]));
        }

        return ReadRowsAsync<T>(statement, select, cancellationToken);
    }

    /// <summary>
    /// The rows whose first <see cref="RowQuery{T}.Where"/> property is any of <paramref name="anyOf"/> (1 to
    /// <see cref="MaxAnyOf"/> values) and whose other properties equal <paramref name="values"/>, in one statement. The
    /// list is padded to a power of two with its last value, so a connection prepares a handful of statements, not one
    /// per list length.
    /// </summary>
    public Task<List<T>> ReadAnyOfAsync<T>(
        DbConnection connection, RowQuery<T> query, IReadOnlyList<object?> anyOf, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfZero(anyOf.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(anyOf.Count, MaxAnyOf);
        var select = SelectFor(query);
        var padded = (int)BitOperations.RoundUpToPowerOf2((uint)anyOf.Count);
        var statement = PreparedStatement.For(connection, null, select.SqlAnyOf(padded, _sql), _sql);
        for (var i = 0; i < padded; i++)
        {
            statement.Add(select.Where[0].ToProvider(anyOf[Math.Min(i, anyOf.Count - 1)]));
        }

        for (var i = 0; i < values.Count; i++)
        {
            statement.Add(select.Where[i + 1].ToProvider(values[i]));
        }

        return ReadRowsAsync<T>(statement, select, cancellationToken);
    }

    private Select SelectFor<T>(RowQuery<T> query)
        where T : class =>
        _selects.GetValue(query, _ => new Select(_model.FindEntityType(typeof(T))!, query.Where, query.Select, query.OrderBy, _sql));

    private static async Task<List<T>> ReadRowsAsync<T>(PreparedStatement statement, Select select, CancellationToken cancellationToken)
        where T : class
    {
        var rows = new List<T>();
        await using var reader = await statement.ExecuteReaderAsync(cancellationToken);
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
        private readonly ConcurrentDictionary<int, string> _anyOf = new();
        private readonly string _from;
        private readonly string _orderBy;

        public Select(IEntityType entityType, IReadOnlyList<string> where, IReadOnlyList<string>? read, string? orderBy, ISqlGenerationHelper sql)
        {
            RowColumn Column(string property) => new(entityType.FindProperty(property) ?? throw new InvalidOperationException($"{entityType.ClrType.Name} has no property {property}"), sql);

            Where = [.. where.Select(Column)];
            Read = read is null ? [.. entityType.GetProperties().Select(p => new RowColumn(p, sql))] : [.. read.Select(Column)];
            _from = $"SELECT {string.Join(", ", Read.Select(c => c.Name))} FROM {sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema())}";
            _orderBy = orderBy is null ? "" : $" ORDER BY {Column(orderBy).Name}";
            Sql = Text(Where.Select((c, i) => $"{c.Name} = {PreparedStatement.Placeholder(sql, i)}"));
        }

        public IReadOnlyList<RowColumn> Where { get; }

        public IReadOnlyList<RowColumn> Read { get; }

        public string Sql { get; }

        /// <summary>The SQL with the first condition an <c>IN</c> of <paramref name="count"/> placeholders, the others after them.</summary>
        public string SqlAnyOf(int count, ISqlGenerationHelper sql) => _anyOf.GetOrAdd(count, n =>
        {
            var anyOf = $"{Where[0].Name} IN ({string.Join(", ", Enumerable.Range(0, n).Select(i => PreparedStatement.Placeholder(sql, i)))})";
            return Text([anyOf, .. Where.Skip(1).Select((c, i) => $"{c.Name} = {PreparedStatement.Placeholder(sql, n + i)}")]);
        });

        private string Text(IEnumerable<string> conditions) => $"{_from} WHERE {string.Join(" AND ", conditions)}{_orderBy}";
    }
}
