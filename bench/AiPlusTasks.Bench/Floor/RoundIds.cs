using System.Globalization;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// Makes a replayed round's rows new rows: round 0 replays the recorded values as they were; round <c>r</c> &gt; 0
/// writes its round number over the first 8 hex digits of every 32-digit id (instances, bookmarks, events), appends it
/// to every correlation id of the recorded instances, and moves keys SQLite generated while recording up by
/// <c>r</c> spans where a statement names a row by that key (<see cref="IntegerKey"/>).
/// </summary>
internal sealed partial class RoundIds(BurstRecording recording)
{
    private readonly Regex _correlation = new($@"\b{Regex.Escape(recording.CorrelationPrefix)}-\d+\b", RegexOptions.CultureInvariant);

    /// <summary>The values of <paramref name="statement"/> in round <paramref name="round"/>.</summary>
    public object?[] Values(ReplayStatement statement, int round)
    {
        var values = statement.Values.ToArray();
        if (round == 0)
        {
            return values;
        }

        var keys = KeyParameters(statement);
        var prefix = round.ToString("x8", CultureInfo.InvariantCulture);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] switch
            {
                string text => _correlation.Replace(HexId().Replace(text, m => prefix + m.Value[8..]), m => $"{m.Value}.{round}"),
                long key when keys[i] is { } generated && generated.Generated(key) => key + (round * generated.Span),
                var other => other,
            };
        }

        return values;
    }

    /// <summary>For each parameter, the generated key it is compared with (<c>"Key" = @p</c>), if any.</summary>
    private IntegerKey?[] KeyParameters(ReplayStatement statement)
    {
        var keys = new IntegerKey?[statement.Names.Count];
        var mentioned = recording.Keys.Where(k => statement.Sql.Contains(TableContent.Quote(k.Table), StringComparison.Ordinal)).ToList();
        foreach (Match match in KeyComparison().Matches(statement.Sql))
        {
            var index = statement.Names.ToList().IndexOf(match.Groups["parameter"].Value);
            if (index >= 0 && mentioned.FirstOrDefault(k => k.Column == match.Groups["column"].Value) is { } key)
            {
                keys[index] = key;
            }
        }

        return keys;
    }

    [GeneratedRegex("[0-9a-f]{32}", RegexOptions.CultureInvariant)]
    private static partial Regex HexId();

    [GeneratedRegex("""
        "(?<column>[^"]+)"\s*=\s*(?<parameter>[@$:]\w+)
        """, RegexOptions.CultureInvariant)]
    private static partial Regex KeyComparison();
}
