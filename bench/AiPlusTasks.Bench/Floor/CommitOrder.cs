namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// Puts recorded statements in an order one thread can replay. The trace records when a statement starts, but a
/// <c>BEGIN IMMEDIATE</c> started while another connection held the write lock only went on once that one committed:
/// replayed in start order it would wait forever. So each transaction moves, whole, to where it committed (SQLite lets
/// one writer in at a time, so that is the order they really wrote in); statements outside transactions keep their
/// place. A read that ran on another connection while a transaction was open saw the database without that
/// transaction, and still does.
/// </summary>
internal static class CommitOrder
{
    public static List<ReplayStatement> Of(IEnumerable<ReplayStatement> recorded)
    {
        var ordered = new List<ReplayStatement>();
        var open = new Dictionary<int, List<ReplayStatement>>();
        foreach (var statement in recorded)
        {
            if (Begins(statement))
            {
                // A BEGIN IMMEDIATE that found the database locked is stepped again (Microsoft.Data.Sqlite retries
                // until its timeout), and each try is traced: only the last one began the transaction.
                if (open.TryGetValue(statement.Connection, out var begun) && !(begun is [var retried] && retried.Sql == statement.Sql))
                {
                    throw new BenchmarkFailedException($"burst-floor: connection {statement.Connection} began a transaction inside a transaction");
                }

                open[statement.Connection] = [statement];
            }
            else if (open.TryGetValue(statement.Connection, out var transaction))
            {
                transaction.Add(statement);
                if (Ends(statement))
                {
                    ordered.AddRange(transaction);
                    open.Remove(statement.Connection);
                }
            }
            else if (Ends(statement))
            {
                throw new BenchmarkFailedException($"burst-floor: the recording holds the end of a transaction it did not see begin ({statement.Sql})");
            }
            else
            {
                ordered.Add(statement);
            }
        }

        if (open.Count > 0)
        {
            throw new BenchmarkFailedException($"burst-floor: the recording ends inside {open.Count} transaction(s)");
        }

        return ordered;
    }

    private static bool Begins(ReplayStatement statement) =>
        statement.Kind == StatementKind.Transaction && statement.Sql.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase);

    private static bool Ends(ReplayStatement statement)
    {
        var text = statement.Sql.TrimStart();
        return statement.Kind == StatementKind.Transaction
            && (text.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("END", StringComparison.OrdinalIgnoreCase)
                || (text.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase) && !text.Contains(" TO ", StringComparison.OrdinalIgnoreCase)));
    }
}
