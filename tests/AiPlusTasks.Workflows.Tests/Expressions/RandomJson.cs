using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// Seeded random JSON values for the JavaScript property tests: strings with quotes, escapes, CJK and surrogate pairs;
/// integers, fractions, large and tiny numbers (held as double, long, decimal or parsed JSON); objects whose keys
/// include array indices (which JavaScript orders first) and near-indices (<c>"01"</c>).
/// </summary>
internal static class RandomJson
{
    public static readonly string[] Keys = ["a", "b", "Title", "title", "1", "2", "10", "01", "x y", "人工", "$k", "_k", "4294967295", "toString"];

    private static readonly string[] Texts = ["", "abc", "人工智能+制造", "a\"b", "line\nbreak", "tab\t", "😀", "\\", "</script>", "\u2028", "P30D", "2026-01-05T00:00:00Z", "1"];

    private static readonly double[] Numbers = [0, 1, -1, 0.1, 0.5, 1.5, 1e21, 1e-7, 123456.789, 9007199254740993, -0.0, 1.7976931348623157e308, 5e-324, 100, 3.14159];

    public static JsonNode? Value(Random random, int depth = 3)
    {
        var kind = random.Next(depth > 0 ? 8 : 5);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(Text(random)),
            3 => Number(random),
            4 => JsonValue.Create(Texts[random.Next(Texts.Length)]),
            5 or 6 => Object(random, depth),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth - 1))]),
        };
    }

    private static JsonObject Object(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(5); i > 0; i--)
        {
            obj[Keys[random.Next(Keys.Length)]] = Value(random, depth - 1);
        }

        return obj;
    }

    private static JsonNode Number(Random random) => random.Next(6) switch
    {
        0 => JsonValue.Create(random.Next(-1000, 1000)),
        1 => JsonValue.Create((long)random.Next() << random.Next(32)),
        2 => JsonValue.Create((decimal)random.Next(-10000, 10000) / 100),
        3 => JsonNode.Parse(JsonValue.Create(Numbers[random.Next(Numbers.Length)]).ToJsonString())!,
        4 => JsonValue.Create(Numbers[random.Next(Numbers.Length)]),
        _ => JsonValue.Create((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 25))),
    };

    private static string Text(Random random)
    {
        var chars = new char[random.Next(6)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7f),
                1 => (char)random.Next(0x4e00, 0x9fff),
                2 => "\"\\\n\t'"[random.Next(5)],
                _ => (char)random.Next(0x0, 0x20),
            };
        }

        return new string(chars);
    }
}
