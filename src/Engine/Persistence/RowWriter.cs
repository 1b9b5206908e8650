using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Writes engine rows with plain ADO.NET commands on a context's open connection and transaction: the burst commit
/// path, where EF Core's change tracking cost more than the SQL itself (docs/decisions/007). The SQL is built once
/// per model from EF's metadata — table and column names, key, concurrency token, generated key, value converters —
/// so it matches the migrations on every provider.
/// </summary>
internal sealed class RowWriter
{
    private static readonly ConditionalWeakTable<IModel, RowWriter> Writers = [];

    private readonly ConcurrentDictionary<Type, Table> _tables = [];
    private readonly IModel _model;
    private readonly ISqlGenerationHelper _sql;

    private RowWriter(WorkflowDbContext db)
    {
        _model = db.Model;
        _sql = db.GetService<ISqlGenerationHelper>();
    }

    /// <summary>The writer for <paramref name="db"/>'s model (built on first use).</summary>
    public static RowWriter For(WorkflowDbContext db) => Writers.GetValue(db.Model, _ => new RowWriter(db));

    /// <summary>Inserts rows (one statement for up to <see cref="RowsPerInsert"/> rows); generated keys are not read back.</summary>
    public async Task InsertAsync<T>(DbTransaction transaction, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        for (var offset = 0; offset < rows.Count; offset += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - offset);
            var statement = Prepared(transaction, table.InsertSql(count, _sql));
            for (var i = 0; i < count; i++)
            {
                statement.AddValues(rows[offset + i], table.Inserted);
            }

            await statement.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts one row and returns its database-generated key (SQLite and PostgreSQL both support <c>RETURNING</c>).</summary>
    public async Task<long> InsertReturningKeyAsync<T>(DbTransaction transaction, T row, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var statement = Prepared(transaction, table.InsertReturningKeySql);
        statement.AddValues(row, table.Inserted);
        return Convert.ToInt64(await statement.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the row with key <paramref name="key"/>; returns how many rows went (0 or 1).</summary>
    public async Task<int> DeleteAsync<T>(DbTransaction transaction, object key, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var statement = Prepared(transaction, table.DeleteSql);
        statement.Add(table.Key.ToProvider(key));
        return await statement.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Updates every column of <paramref name="row"/> where its key matches and its concurrency token still has
    /// <paramref name="expectedToken"/>; returns 0 when another writer changed the row first.
    /// </summary>
    public async Task<int> UpdateAsync<T>(DbTransaction transaction, T row, object expectedToken, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var token = table.ConcurrencyToken ?? throw new InvalidOperationException($"{typeof(T).Name} has no concurrency token");
        var statement = Prepared(transaction, table.UpdateSql);
        statement.AddValues(row, table.Updated);
        statement.Add(table.Key.Read(row));
        statement.Add(token.ToProvider(expectedToken));
        return await statement.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows per multi-row INSERT: far below SQLite's 32,766 parameters for the widest engine table.</summary>
    private const int RowsPerInsert = 100;

    private Table TableOf<T>() => _tables.GetOrAdd(typeof(T), type => new Table(_model.FindEntityType(type)!, _sql));

    private PreparedStatement Prepared(DbTransaction transaction, string sql) => PreparedStatement.For(transaction.Connection!, transaction, sql, _sql);

    private sealed class Table
    {
        private readonly ConcurrentDictionary<int, string> _inserts = [];
        private readonly string _insertPrefix;

        public Table(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var name = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());

            // The engine's burst rows all have single-column keys.
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var columns = entityType.GetProperties().Select(p => new RowColumn(p, sql)).ToList();
            Key = columns.Single(c => c.Property == key);
            Inserted = [.. columns.Where(c => c.Property != key || key.ValueGenerated == ValueGenerated.Never)];
            Updated = [.. columns.Where(c => c.Property != key)];
            ConcurrencyToken = columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
            _insertPrefix = $"INSERT INTO {name} ({string.Join(", ", Inserted.Select(c => c.Name))}) VALUES ";
            InsertReturningKeySql = InsertSql(1, sql) + " RETURNING " + Key.Name;
            DeleteSql = $"DELETE FROM {name} WHERE {Key.Name} = {Parameter(sql, 0)}";
            if (ConcurrencyToken is not null)
            {
                var assignments = Updated.Select((c, i) => $"{c.Name} = {Parameter(sql, i)}");
                UpdateSql = $"UPDATE {name} SET {string.Join(", ", assignments)} " +
                    $"WHERE {Key.Name} = {Parameter(sql, Updated.Count)} AND {ConcurrencyToken.Name} = {Parameter(sql, Updated.Count + 1)}";
            }
        }

        public RowColumn Key { get; }

        public IReadOnlyList<RowColumn> Inserted { get; }

        public IReadOnlyList<RowColumn> Updated { get; }

        public RowColumn? ConcurrencyToken { get; }

        public string InsertReturningKeySql { get; }

        public string DeleteSql { get; }

        /// <summary>UPDATE of every non-key column, by key and concurrency token; empty for tables without a token.</summary>
        public string UpdateSql { get; } = "";

        /// <summary>The INSERT of <paramref name="rows"/> rows, parameters numbered row by row.</summary>
        public string InsertSql(int rows, ISqlGenerationHelper sql) => _inserts.GetOrAdd(rows, count =>
        {
            var text = new StringBuilder(_insertPrefix);
            for (var row = 0; row < count; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Inserted.Count; column++)
                {
                    text.Append(column == 0 ? "" : ", ").Append(Parameter(sql, (row * Inserted.Count) + column));
                }

                text.Append(')');
            }

            return text.ToString();
        });

        private static string Parameter(ISqlGenerationHelper sql, int index) => PreparedStatement.Placeholder(sql, index);
    }
}
