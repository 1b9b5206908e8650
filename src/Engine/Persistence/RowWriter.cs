using System.Collections.Concurrent;
using System.Data.Common;
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
            await using var command = Command(transaction);
            var text = new StringBuilder(table.InsertPrefix);
            for (var i = 0; i < count; i++)
            {
                text.Append(i == 0 ? "(" : ", (");
                AppendValues(command, text, rows[offset + i], table.Inserted);
                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts one row and returns its database-generated key (SQLite and PostgreSQL both support <c>RETURNING</c>).</summary>
    public async Task<long> InsertReturningKeyAsync<T>(DbTransaction transaction, T row, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        await using var command = Command(transaction);
        var text = new StringBuilder(table.InsertPrefix).Append('(');
        AppendValues(command, text, row, table.Inserted);
        text.Append(") RETURNING ").Append(table.KeyColumn);
        command.CommandText = text.ToString();
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the row with key <paramref name="key"/>; returns how many rows went (0 or 1).</summary>
    public async Task<int> DeleteAsync<T>(DbTransaction transaction, object key, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf<T>();
        await using var command = Command(transaction);
        command.CommandText = $"DELETE FROM {table.Name} WHERE {table.KeyColumn} = {AddParameter(command, key)}";
        return await command.ExecuteNonQueryAsync(cancellationToken);
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
        await using var command = Command(transaction);
        var text = new StringBuilder("UPDATE ").Append(table.Name).Append(" SET ");
        for (var i = 0; i < table.Updated.Count; i++)
        {
            var column = table.Updated[i];
            text.Append(i == 0 ? "" : ", ").Append(column.Name).Append(" = ").Append(AddParameter(command, column.Read(row)));
        }

        text.Append(" WHERE ").Append(table.KeyColumn).Append(" = ").Append(AddParameter(command, table.Key.Read(row)))
            .Append(" AND ").Append(token.Name).Append(" = ").Append(AddParameter(command, token.ToProvider(expectedToken)));
        command.CommandText = text.ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows per multi-row INSERT: far below SQLite's 32,766 parameters for the widest engine table.</summary>
    private const int RowsPerInsert = 100;

    private Table TableOf<T>() => _tables.GetOrAdd(typeof(T), type => new Table(_model.FindEntityType(type)!, _sql));

    private static DbCommand Command(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private string AddParameter(DbCommand command, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = _sql.GenerateParameterName("p" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    private void AppendValues(DbCommand command, StringBuilder text, object row, IReadOnlyList<Column> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(AddParameter(command, columns[i].Read(row)));
        }
    }

    private sealed class Table
    {
        public Table(IEntityType entityType, ISqlGenerationHelper sql)
        {
            Name = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
            // The engine's burst rows all have single-column keys.
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var columns = entityType.GetProperties().Select(p => new Column(p, sql)).ToList();
            Key = columns.Single(c => c.Property == key);
            KeyColumn = Key.Name;
            Inserted = [.. columns.Where(c => c.Property != key || key.ValueGenerated == ValueGenerated.Never)];
            Updated = [.. columns.Where(c => c.Property != key)];
            ConcurrencyToken = columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
            InsertPrefix = $"INSERT INTO {Name} ({string.Join(", ", Inserted.Select(c => c.Name))}) VALUES ";
        }

        public string Name { get; }

        public Column Key { get; }

        public string KeyColumn { get; }

        public IReadOnlyList<Column> Inserted { get; }

        public IReadOnlyList<Column> Updated { get; }

        public Column? ConcurrencyToken { get; }

        public string InsertPrefix { get; }

    }

    private sealed class Column(IProperty property, ISqlGenerationHelper sql)
    {
        private readonly PropertyInfo _clrProperty = property.PropertyInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name} is not a CLR property");

        private readonly ValueConverter? _converter = property.GetTypeMapping().Converter;

        public IProperty Property { get; } = property;

        public string Name { get; } = sql.DelimitIdentifier(property.GetColumnName());

        /// <summary>The row's value of this column as the provider stores it (after EF's value converter).</summary>
        public object? Read(object row) => ToProvider(_clrProperty.GetValue(row));

        public object? ToProvider(object? value) => value is null || _converter is null ? value : _converter.ConvertToProvider(value);
    }
}
