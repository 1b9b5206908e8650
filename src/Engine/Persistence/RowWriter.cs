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
    private readonly ConditionalWeakTable<DbConnection, Dictionary<string, Statement>> _prepared = [];
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

            await statement.Command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts one row and returns its database-generated key (SQLite and PostgreSQL both support <c>RETURNING</c>).</summary>
    public async Task<long> InsertReturningKeyAsync<T>(DbTransaction transaction, T row, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var statement = Prepared(transaction, table.InsertReturningKeySql);
        statement.AddValues(row, table.Inserted);
        return Convert.ToInt64(await statement.Command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the row with key <paramref name="key"/>; returns how many rows went (0 or 1).</summary>
    public async Task<int> DeleteAsync<T>(DbTransaction transaction, object key, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var statement = Prepared(transaction, table.DeleteSql);
        statement.Add(table.Key.ToProvider(key));
        return await statement.Command.ExecuteNonQueryAsync(cancellationToken);
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
        return await statement.Command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row with key <paramref name="key"/> as the transaction sees it, untracked; null when there is none.</summary>
    public async Task<T?> FindAsync<T>(DbTransaction transaction, object key, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        var rows = await ReadAsync<T>(transaction, table, table.Key, key, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every row whose <paramref name="property"/> equals <paramref name="value"/>, as the transaction sees them, untracked, in no particular order.</summary>
    public async Task<List<T>> WhereAsync<T>(DbTransaction transaction, string property, object value, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        return await ReadAsync<T>(transaction, table, table.Column(property), value, cancellationToken);
    }

    /// <summary>Rows per multi-row INSERT: far below SQLite's 32,766 parameters for the widest engine table.</summary>
    private const int RowsPerInsert = 100;

    private Table TableOf<T>() => _tables.GetOrAdd(typeof(T), type => new Table(_model.FindEntityType(type)!, _sql));

    private async Task<List<T>> ReadAsync<T>(DbTransaction transaction, Table table, Column column, object value, CancellationToken cancellationToken)
        where T : class
    {
        var statement = Prepared(transaction, table.SelectSql(column, _sql));
        statement.Add(column.ToProvider(value));
        var rows = new List<T>();
        await using var reader = await statement.Command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Activator.CreateInstance<T>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                table.Columns[i].Write(row, reader, i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The statement for <paramref name="sql"/> on the transaction's connection, made once and reused while the
    /// connection lives (the group-commit writer keeps its connection open), ready for its first value.
    /// </summary>
    private Statement Prepared(DbTransaction transaction, string sql)
    {
        var connection = transaction.Connection!;
        var statements = _prepared.GetValue(connection, _ => new Dictionary<string, Statement>(StringComparer.Ordinal));
        if (!statements.TryGetValue(sql, out var statement))
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            statement = new Statement(command, _sql);
            statements.Add(sql, statement);
        }

        return statement.Start(transaction);
    }

    /// <summary>
    /// A reused command and the position of its next value. Its parameters are made on first use and get new values on
    /// every later one: clearing and re-adding them made Npgsql's automatic preparation insert a row twice
    /// (docs/reliability.md).
    /// </summary>
    private sealed class Statement(DbCommand command, ISqlGenerationHelper sql)
    {
        private int _next;

        public DbCommand Command => command;

        public Statement Start(DbTransaction transaction)
        {
            command.Transaction = transaction;
            _next = 0;
            return this;
        }

        public void AddValues(object row, IReadOnlyList<Column> columns)
        {
            foreach (var column in columns)
            {
                Add(column.Read(row));
            }
        }

        /// <summary>Sets the next positional parameter (<c>p0</c>, <c>p1</c>, … as the SQL names them).</summary>
        public void Add(object? value)
        {
            if (_next == command.Parameters.Count)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = sql.GenerateParameterName(ParameterName(_next));
                command.Parameters.Add(parameter);
            }

            command.Parameters[_next++].Value = value ?? DBNull.Value;
        }
    }

    private static string ParameterName(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);

    private sealed class Table
    {
        private readonly ConcurrentDictionary<int, string> _inserts = [];
        private readonly ConcurrentDictionary<Column, string> _selects = [];
        private readonly string _insertPrefix;
        private readonly string _selectPrefix;

        public Table(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var name = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());

            // The engine's burst rows all have single-column keys.
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var columns = entityType.GetProperties().Select(p => new Column(p, sql)).ToList();
            Columns = columns;
            Key = columns.Single(c => c.Property == key);
            Inserted = [.. columns.Where(c => c.Property != key || key.ValueGenerated == ValueGenerated.Never)];
            Updated = [.. columns.Where(c => c.Property != key)];
            ConcurrencyToken = columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
            _insertPrefix = $"INSERT INTO {name} ({string.Join(", ", Inserted.Select(c => c.Name))}) VALUES ";
            _selectPrefix = $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM {name} WHERE ";
            InsertReturningKeySql = InsertSql(1, sql) + " RETURNING " + Key.Name;
            DeleteSql = $"DELETE FROM {name} WHERE {Key.Name} = {Parameter(sql, 0)}";
            if (ConcurrencyToken is not null)
            {
                var assignments = Updated.Select((c, i) => $"{c.Name} = {Parameter(sql, i)}");
                UpdateSql = $"UPDATE {name} SET {string.Join(", ", assignments)} " +
                    $"WHERE {Key.Name} = {Parameter(sql, Updated.Count)} AND {ConcurrencyToken.Name} = {Parameter(sql, Updated.Count + 1)}";
            }
        }

        /// <summary>Every column, in the order <see cref="SelectSql"/> reads them.</summary>
        public List<Column> Columns { get; }

        public Column Key { get; }

        public IReadOnlyList<Column> Inserted { get; }

        public IReadOnlyList<Column> Updated { get; }

        public Column? ConcurrencyToken { get; }

        public string InsertReturningKeySql { get; }

        public string DeleteSql { get; }

        /// <summary>UPDATE of every non-key column, by key and concurrency token; empty for tables without a token.</summary>
        public string UpdateSql { get; } = "";

        /// <summary>The column of CLR property <paramref name="property"/>.</summary>
        public Column Column(string property) => Columns.SingleOrDefault(c => c.Property.Name == property)
            ?? throw new ArgumentException($"no column for property '{property}'", nameof(property));

        /// <summary>The SELECT of every column of the rows where <paramref name="column"/> equals the one parameter.</summary>
        public string SelectSql(Column column, ISqlGenerationHelper sql) => _selects.GetOrAdd(column, c => $"{_selectPrefix}{c.Name} = {Parameter(sql, 0)}");

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

        private static string Parameter(ISqlGenerationHelper sql, int index) => sql.GenerateParameterNamePlaceholder(ParameterName(index));
    }

    private sealed class Column(IProperty property, ISqlGenerationHelper sql)
    {
        private readonly PropertyInfo _clrProperty = property.PropertyInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name} is not a CLR property");

        private readonly ValueConverter? _converter = property.GetTypeMapping().Converter;

        /// <summary>Reads a field as the provider's type of this column (e.g. SQLite's integers as <see cref="int"/>, not <see cref="long"/>).</summary>
        private readonly Func<DbDataReader, int, object> _readField = FieldReader(property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType);

        public IProperty Property { get; } = property;

        private static Func<DbDataReader, int, object> FieldReader(Type type) =>
            typeof(Column).GetMethod(nameof(ReadField), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(Nullable.GetUnderlyingType(type) ?? type)
                .CreateDelegate<Func<DbDataReader, int, object>>();

        private static object ReadField<TField>(DbDataReader reader, int ordinal) => reader.GetFieldValue<TField>(ordinal)!;

        public string Name { get; } = sql.DelimitIdentifier(property.GetColumnName());

        /// <summary>The row's value of this column as the provider stores it (after EF's value converter).</summary>
        public object? Read(object row) => ToProvider(_clrProperty.GetValue(row));

        public object? ToProvider(object? value) => value is null || _converter is null ? value : _converter.ConvertToProvider(value);

        /// <summary>Sets this column of <paramref name="row"/> from field <paramref name="ordinal"/> of <paramref name="reader"/> (through EF's value converter).</summary>
        public void Write(object row, DbDataReader reader, int ordinal)
        {
            var value = reader.IsDBNull(ordinal) ? null : _readField(reader, ordinal);
            _clrProperty.SetValue(row, value is null || _converter is null ? value : _converter.ConvertFromProvider(value));
        }
    }
}
