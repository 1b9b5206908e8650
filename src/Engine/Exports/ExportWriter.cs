using System.Data;
using System.Runtime.CompilerServices;
using MiniExcelLibs;

namespace AiPlusTasks.Engine.Exports;

/// <summary>
/// Writes an <see cref="ExportDocument"/> with MiniExcel, row by row as the rows are read: MiniExcel writes each row of an
/// async stream to the workbook's zip entry (or the CSV text) as it comes, so neither the rows nor the sheet are held in
/// memory, and a stream that cannot seek (an HTTP response) gets the file as it grows (docs/benchmarks.md measures it).
/// </summary>
public static class ExportWriter
{
    /// <summary>
    /// Writes the document to <paramref name="stream"/> in <paramref name="format"/>: a workbook with a sheet per table,
    /// or a CSV file (UTF-8 with a byte-order mark) with the first table, then each further table after an empty line.
    /// The first table may be empty (its headers are written alone); the others must have rows.
    /// </summary>
    public static async Task WriteAsync(Stream stream, ExportFormat format, ExportDocument document, CancellationToken cancellationToken = default)
    {
        var first = document.Tables[0];
        var firstRows = await PeekAsync(first, cancellationToken);
        if (format == ExportFormat.Xlsx)
        {
            var sheets = new Dictionary<string, object>(StringComparer.Ordinal) { [first.Name] = firstRows };
            foreach (var table in document.Tables.Skip(1))
            {
                sheets[table.Name] = Dictionaries(table, cancellationToken);
            }

            await MiniExcel.SaveAsAsync(stream, sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            return;
        }

        await MiniExcel.SaveAsAsync(stream, firstRows, excelType: ExcelType.CSV, cancellationToken: cancellationToken);
        foreach (var table in document.Tables.Skip(1))
        {
            // A further table is a few lines (a summary): written whole, then copied without its own byte-order mark.
            using var buffer = new MemoryStream();
            await MiniExcel.SaveAsAsync(buffer, Dictionaries(table, cancellationToken), excelType: ExcelType.CSV, cancellationToken: cancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            await stream.WriteAsync(buffer.GetBuffer().AsMemory(Preamble, (int)buffer.Length - Preamble), cancellationToken);
        }
    }

    /// <summary>The length of UTF-8's byte-order mark, which MiniExcel writes at the start of a CSV file.</summary>
    private const int Preamble = 3;

    /// <summary>
    /// The table's rows for MiniExcel, or — when it has none — an empty data table with its columns, since MiniExcel
    /// takes the headers from the first row.
    /// </summary>
    private static async Task<object> PeekAsync(ExportTable table, CancellationToken cancellationToken)
    {
        var rows = Dictionaries(table, cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (await rows.MoveNextAsync())
        {
            return Continue(rows.Current, rows);
        }

        await rows.DisposeAsync();
        var empty = new DataTable(table.Name);
        foreach (var header in table.Headers)
        {
            empty.Columns.Add(header, typeof(string));
        }

        return empty;
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> Continue(Dictionary<string, object?> first, IAsyncEnumerator<Dictionary<string, object?>> rest)
    {
        await using (rest)
        {
            yield return first;
            while (await rest.MoveNextAsync())
            {
                yield return rest.Current;
            }
        }
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> Dictionaries(ExportTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var values in table.Rows.WithCancellation(cancellationToken))
        {
            var row = new Dictionary<string, object?>(table.Headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Headers.Count; i++)
            {
                row[table.Headers[i]] = values[i];
            }

            yield return row;
        }
    }
}
