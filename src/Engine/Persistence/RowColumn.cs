using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// One column of an engine table as EF Core maps it — its delimited name and value converter — read from and written
/// to a row object without EF Core.
/// </summary>
internal sealed class RowColumn
{
    private readonly PropertyInfo _clrProperty;
    private readonly ValueConverter? _converter;
    private readonly Func<DbDataReader, int, object> _readField;

    public RowColumn(IProperty property, ISqlGenerationHelper sql)
    {
        Property = property;
        Name = sql.DelimitIdentifier(property.GetColumnName());
        _clrProperty = property.PropertyInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name} is not a CLR property");
        _converter = property.GetTypeMapping().Converter;
        _readField = FieldReader(_converter?.ProviderClrType ?? property.ClrType);
    }

    public IProperty Property { get; }

    public string Name { get; }

    /// <summary>The row's value of this column as the provider stores it (after EF's value converter).</summary>
    public object? Read(object row) => ToProvider(_clrProperty.GetValue(row));

    public object? ToProvider(object? value) => value is null || _converter is null ? value : _converter.ConvertToProvider(value);

    /// <summary>Sets the row's property from column <paramref name="ordinal"/> of the reader's current row (through EF's value converter).</summary>
    public void Write(object row, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            _clrProperty.SetValue(row, null);
            return;
        }

        var value = _readField(reader, ordinal);
        _clrProperty.SetValue(row, _converter is null ? value : _converter.ConvertFromProvider(value));
    }

    /// <summary>
    /// <c>reader.GetFieldValue&lt;T&gt;(ordinal)</c> for the provider type: the provider, not <c>GetValue</c>'s raw value,
    /// knows how its type maps (Npgsql reads <c>timestamptz</c> as <see cref="DateTime"/> unless asked for an offset).
    /// </summary>
    private static Func<DbDataReader, int, object> FieldReader(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var reader = Expression.Parameter(typeof(DbDataReader));
        var ordinal = Expression.Parameter(typeof(int));
        var read = Expression.Call(reader, nameof(DbDataReader.GetFieldValue), [type], ordinal);
        return Expression.Lambda<Func<DbDataReader, int, object>>(Expression.Convert(read, typeof(object)), reader, ordinal).Compile();
    }
}
