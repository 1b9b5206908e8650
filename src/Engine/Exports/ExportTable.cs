namespace AiPlusTasks.Engine.Exports;

/// <summary>
/// One table of an export — a sheet of a workbook, or the body of a CSV file: its name, its column headers in the
/// caller's language, and its rows, read from the database one at a time as they are written (never all at once).
/// </summary>
/// <param name="Name">The sheet's name (at most 31 characters, as Excel allows).</param>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows, each with a value per header, in the headers' order.</param>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows);
