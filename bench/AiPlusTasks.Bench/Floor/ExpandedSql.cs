using System.Globalization;
using System.Text;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// Reads a statement's parameter values back from SQLite's expanded text (<c>sqlite3_expanded_sql</c>): that text is
/// the statement as prepared with every parameter replaced by its value as an SQL literal (NULL, an integer, a real,
/// a quoted string, <c>x'…'</c>), and the rest copied as it was.
/// </summary>
internal static class ExpandedSql
{
    /// <summary>The parameters of <paramref name="sql"/> (in order, names as written) with their values.</summary>
    /// <exception cref="BenchmarkFailedException">The expanded text does not match the statement.</exception>
    public static List<(string Name, object? Value)> Values(string sql, string? expanded)
    {
        var parameters = new List<(string Name, object? Value)>();
        var names = Parameters(sql);
        if (names.Count == 0)
        {
            return parameters;
        }

        if (expanded is null)
        {
            throw new BenchmarkFailedException($"SQLite gave no expanded text for a statement with parameters: {sql}");
        }

        var at = 0;
        var previousEnd = 0;
        foreach (var (name, start) in names)
        {
            Expect(sql[previousEnd..start], expanded, ref at, sql);
            parameters.Add((name, ReadLiteral(expanded, ref at, sql)));
            previousEnd = start + name.Length;
        }

        Expect(sql[previousEnd..], expanded, ref at, sql);
        if (at != expanded.Length)
        {
            throw new BenchmarkFailedException($"the expanded text of a statement is longer than the statement: {sql}");
        }

        return parameters;
    }

    /// <summary>The parameters in <paramref name="sql"/> and where each starts, outside strings, quoted names and comments.</summary>
    public static List<(string Name, int Start)> Parameters(string sql)
    {
        var found = new List<(string, int)>();
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                i = sql.IndexOf(close, i + 1);
                while (i >= 0 && close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                {
                    i = sql.IndexOf(close, i + 2);
                }

                if (i < 0)
                {
                    break;
                }
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i);
                if (i < 0)
                {
                    break;
                }
            }
            else if (c is '@' or '$' or ':' or '?')
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }

                if (end > i + 1 || c == '?')
                {
                    found.Add((sql[i..end], i));
                    i = end - 1;
                }
            }
        }

        return found;
    }

    private static void Expect(string part, string expanded, ref int at, string sql)
    {
        if (string.CompareOrdinal(expanded, at, part, 0, part.Length) != 0)
        {
            throw new BenchmarkFailedException($"the expanded text of a statement does not match it near offset {at}: {sql}");
        }

        at += part.Length;
    }

    private static object? ReadLiteral(string text, ref int at, string sql)
    {
        if (string.CompareOrdinal(text, at, "NULL", 0, 4) == 0)
        {
            at += 4;
            return null;
        }

        if (text[at] == '\'')
        {
            var value = new StringBuilder();
            for (at++; ; at++)
            {
                if (at >= text.Length)
                {
                    throw new BenchmarkFailedException($"an unterminated string in the expanded text of: {sql}");
                }

                if (text[at] == '\'')
                {
                    if (at + 1 < text.Length && text[at + 1] == '\'')
                    {
                        value.Append('\'');
                        at++;
                        continue;
                    }

                    at++;
                    return value.ToString();
                }

                value.Append(text[at]);
            }
        }

        if (text[at] is 'x' or 'X' && at + 1 < text.Length && text[at + 1] == '\'')
        {
            var end = text.IndexOf('\'', at + 2);
            var bytes = Convert.FromHexString(text.AsSpan(at + 2, end - at - 2));
            at = end + 1;
            return bytes;
        }

        var start = at;
        while (at < text.Length && (char.IsDigit(text[at]) || text[at] is '-' or '+' or '.' or 'e' or 'E'))
        {
            at++;
        }

        var number = text[start..at];
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw new BenchmarkFailedException($"a value SQLite wrote that the bench cannot read back at offset {start}: {sql}");
    }
}
