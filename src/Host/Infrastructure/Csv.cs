namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// CSV as spreadsheets read it (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. A field
/// starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> gets a leading apostrophe, so a spreadsheet never runs it as a
/// formula (text from users reaches these files).
/// </summary>
public static class Csv
{
    /// <summary>One line of fields, without the line break.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
