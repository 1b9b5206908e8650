namespace AiPlusTasks.Engine.Exports;

/// <summary>
/// An export ready to write: its file name (without the extension) and its tables. The first table is the data; the
/// others (a summary) are read after it, so they may add up what the first one streamed.
/// </summary>
/// <param name="FileName">The file's name in the caller's language, without the extension.</param>
/// <param name="Tables">The tables, the data first.</param>
public sealed record ExportDocument(string FileName, IReadOnlyList<ExportTable> Tables);
