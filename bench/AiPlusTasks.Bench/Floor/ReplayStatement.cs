namespace AiPlusTasks.Bench.Floor;

/// <summary>One recorded statement, ready to replay: its text, its parameters' names and recorded values.</summary>
internal sealed record ReplayStatement(int Connection, string Sql, IReadOnlyList<string> Names, IReadOnlyList<object?> Values)
{
    public StatementKind Kind { get; } = KindOf(Sql);

    public static ReplayStatement From(TracedStatement traced)
    {
        // A parameter written twice in the text is one value, bound once.
        var parameters = ExpandedSql.Values(traced.Sql, traced.Expanded).DistinctBy(p => p.Name).ToList();
        return new ReplayStatement(traced.Connection, traced.Sql, [.. parameters.Select(p => p.Name)], [.. parameters.Select(p => p.Value)]);
    }

    private static StatementKind KindOf(string sql)
    {
        var text = sql.TrimStart();
        string[] transaction = ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"];
        if (transaction.Any(word => text.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
        {
            return StatementKind.Transaction;
        }

        string[] writes = ["INSERT", "UPDATE", "DELETE", "REPLACE"];
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !writes.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))
            ? StatementKind.Read
            : text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase) ? StatementKind.Other : StatementKind.Write;
    }
}
