using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// A place in a JSON tree that a mutation can change: the parent and the property name or array index, and the names a
/// 400 may use for it (the property, its containers up to the nearest activity, and that activity's id).
/// </summary>
public sealed record JsonSpot(JsonNode Parent, string? Property, int Index, IReadOnlyList<string> Names)
{
    public JsonNode? Value => Property is null ? Parent.AsArray()[Index] : Parent.AsObject()[Property];

    public void Set(JsonNode? value)
    {
        if (Property is null)
        {
            Parent.AsArray()[Index] = value;
        }
        else
        {
            Parent.AsObject()[Property] = value;
        }
    }

    public void Remove()
    {
        if (Property is null)
        {
            Parent.AsArray().RemoveAt(Index);
        }
        else
        {
            Parent.AsObject().Remove(Property);
        }
    }
}

/// <summary>Walking and writing JSON trees for mutations.</summary>
public static class JsonTree
{
    /// <summary>
    /// Writes raw unicode (not \u escapes), so strange strings reach the server as the bytes a client would send, and
    /// nesting deeper than the default 64 levels, so the server's own limit is what is tested.
    /// </summary>
    private static readonly JsonSerializerOptions RawUnicode = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1024 };

    public static string Write(JsonNode? node) => node?.ToJsonString(RawUnicode) ?? "null";

    /// <summary>Every property and array element under <paramref name="root"/>, depth first in document order.</summary>
    public static List<JsonSpot> Spots(JsonNode root)
    {
        var spots = new List<JsonSpot>();
        Walk(root, [], spots);
        return spots;
    }

    /// <summary>One spot chosen by <paramref name="pick"/> (any non-negative number; wraps around).</summary>
    public static JsonSpot Pick(JsonNode root, int pick, Func<JsonSpot, bool>? where = null)
    {
        var spots = Spots(root);
        var candidates = where is null ? spots : spots.Where(where).ToList();
        return candidates.Count == 0 ? spots[pick % spots.Count] : candidates[pick % candidates.Count];
    }

    private static void Walk(JsonNode node, IReadOnlyList<string> names, List<JsonSpot> spots)
    {
        // Within an activity the names restart: a problem there is keyed by the activity's id and the field.
        var scope = node is JsonObject activity && activity["type"] is JsonValue && activity["id"] is JsonValue id && id.TryGetValue<string>(out var activityId)
            ? [activityId]
            : names;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var spot = new JsonSpot(obj, key, -1, [key, .. scope]);
                    spots.Add(spot);
                    if (child is not null)
                    {
                        Walk(child, spot.Names, spots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var container = names.Count > 0 ? names[0] : "";
                    var spot = new JsonSpot(array, null, i, [$"{container}[{i}]", .. scope]);
                    spots.Add(spot);
                    if (array[i] is { } child)
                    {
                        Walk(child, spot.Names, spots);
                    }
                }

                break;
        }
    }
}
