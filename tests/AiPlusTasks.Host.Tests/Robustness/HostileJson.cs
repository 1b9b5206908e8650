using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Generators of hostile values and corrupt JSON text that every family of the sweep mixes into its requests: wrong JSON
/// types, nulls, out-of-range numbers, enormous and strange unicode strings, deep nesting, truncated text and invalid UTF-8.
/// </summary>
public static class HostileJson
{
    /// <summary>Unicode that trips naive code: emoji (surrogate pairs), right-to-left, zero-width, combining marks, CJK, NUL, controls.</summary>
    private static readonly string[] StrangeFragments =
    [
        "😀", "👩‍👩‍👧", "\u202Eevil\u202C", "\u200B\u200D\uFEFF", "e\u0301\u0301\u0301", "广东省人民政府", "\0", "\u0007\u001B[31m",
        "'\"\\", "<script>alert(1)</script>", "{{ x }}", "${x}", "%s%n", "../../etc/passwd", "\r\n", "𝕬𝖎", "ﷺ",
    ];

    /// <summary>A string of 1–40 strange fragments.</summary>
    public static readonly Gen<string> UnicodeString =
        Gen.Int[0, StrangeFragments.Length - 1].Array[1, 40].Select(picks => string.Concat(picks.Select(i => StrangeFragments[i])));

    /// <summary>A string of 10 thousand to 300 thousand characters, ASCII or CJK.</summary>
    public static readonly Gen<string> EnormousString =
        Gen.Select(Gen.Int[10_000, 300_000], Gen.OneOf('x', '界', '0'), (length, c) => new string(c, length));

    /// <summary>Numbers out of every range an API uses: negative, zero, past int and long, fractional, huge exponents.</summary>
    public static readonly Gen<JsonNode> OutOfRangeNumber = Gen.OneOf<JsonNode>(
        JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue), JsonValue.Create(2_147_483_648L),
        JsonValue.Create(long.MinValue), JsonValue.Create(0.5), JsonValue.Create(-1e308), JsonValue.Create(1e308),
        JsonValue.Create(decimal.MaxValue));

    /// <summary>Arrays or objects nested 2 to 200 deep (System.Text.Json refuses more than 64 by default).</summary>
    public static readonly Gen<JsonNode> DeepNesting =
        Gen.Select(Gen.Int[2, 200], Gen.Bool, (depth, objects) =>
        {
            JsonNode node = JsonValue.Create("bottom");
            for (var i = 0; i < depth; i++)
            {
                node = objects ? new JsonObject { ["a"] = node } : new JsonArray(node);
            }

            return node;
        });

    /// <summary>Any hostile value for a field: null, the wrong JSON type, an out-of-range number, a strange, enormous or nested value.</summary>
    public static readonly Gen<JsonNode?> Value = Gen.Frequency<JsonNode?>(
        (3, Gen.Const((JsonNode?)null)),
        (2, Gen.OneOf<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false), JsonValue.Create(""), JsonValue.Create(" "), new JsonArray(), new JsonObject())),
        (2, OutOfRangeNumber.Select(n => (JsonNode?)n)),
        (3, UnicodeString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, EnormousString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, DeepNesting.Select(n => (JsonNode?)n)),
        (1, Gen.Int[0, 1000].Array[1, 20].Select(values => (JsonNode?)new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]))));

    /// <summary>
    /// The names a 400 may give for a hostile value besides its field: a reader stops inside a value nested past its
    /// 64-level limit and names the path there (<c>a</c>), or the body with a line and position when it keeps no path.
    /// The limit counts the levels above the value too (a definition's fields sit up to about 20 deep), so any value
    /// deeper than 40 may trip it.
    /// </summary>
    public static IReadOnlyList<string> NamesInside(JsonNode? value) => Depth(value) > 40 ? ["a", "body"] : [];

    private static int Depth(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray array => 1 + array.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>Bytes that are invalid UTF-8: a lone continuation, a truncated sequence, an overlong slash, an encoded surrogate, 0xFF.</summary>
    private static readonly byte[][] InvalidUtf8 = [[0x80], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]];

    /// <summary>
    /// JSON text broken on the way: truncated, a stray character, or garbage after the value. Every result is unreadable
    /// as JSON (no trailing commas or comments, which lenient readers such as the definition import accept on purpose).
    /// </summary>
    public static Gen<byte[]> Unparsable(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return Gen.OneOf(
            // A prefix of at least one byte: an empty body is no body (which an optional body may be), not broken text.
            Gen.Int[1, Math.Max(1, bytes.Length - 1)].Select(p => bytes[..p]),
            Gen.OneOf("}", "]", "\"", "{{", "NaN", "undefined").Select(s => Splice(bytes, bytes.Length - 1, Encoding.UTF8.GetBytes(s))),
            Gen.Const(Encoding.UTF8.GetBytes(json + " trailing garbage")),
            Gen.Const(Encoding.UTF8.GetBytes("{'single':'quotes'}")));
    }

    /// <summary>JSON text with invalid UTF-8 spliced in anywhere: in a value, a property name or between tokens.</summary>
    public static Gen<byte[]> WithInvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return Gen.Select(Gen.Int[0, Math.Max(0, bytes.Length - 1)], Gen.Int[0, InvalidUtf8.Length - 1], (p, i) => Splice(bytes, p, InvalidUtf8[i]));
    }

    private static byte[] Splice(byte[] bytes, int position, byte[] inserted) => [.. bytes[..position], .. inserted, .. bytes[position..]];
}
