using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Exports;

/// <summary>The file formats of an export: an Excel workbook or a CSV file (UTF-8 with a BOM, so Excel reads Chinese).</summary>
public enum ExportFormat
{
    /// <summary>Office Open XML workbook (<c>.xlsx</c>).</summary>
    Xlsx,

    /// <summary>Comma-separated values (<c>.csv</c>), UTF-8 with a byte-order mark.</summary>
    Csv,
}

/// <summary>Reading and naming <see cref="ExportFormat"/>.</summary>
public static class ExportFormats
{
    /// <summary>The format named by a file extension (<c>xlsx</c> or <c>csv</c>, any case).</summary>
    /// <exception cref="RequestValidationException">Any other text, naming <c>format</c>.</exception>
    public static ExportFormat Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "xlsx" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        _ => throw RequestValidationException.For("format", "format must be xlsx or csv"),
    };

    /// <summary>The file extension, without the dot.</summary>
    public static string Extension(this ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    /// <summary>The media type of a file in the format.</summary>
    public static string ContentType(this ExportFormat format) =>
        format == ExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
}
