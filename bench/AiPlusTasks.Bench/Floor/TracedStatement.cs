namespace AiPlusTasks.Bench.Floor;

/// <summary>One statement as SQLite ran it.</summary>
/// <param name="Connection">Which connection ran it (0, 1, … in order of first use).</param>
/// <param name="Sql">The text as prepared, with its parameters (<c>@p0</c>…).</param>
/// <param name="Expanded">The same text with the bound values written in; null when SQLite could not expand it.</param>
internal sealed record TracedStatement(int Connection, string Sql, string? Expanded);
