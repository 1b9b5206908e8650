using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Designer.Editing;

/// <summary>
/// One reviewer of an <c>AiPlus.Review</c> as its <c>reviewers</c> editor shows it: an agency, optionally a role of it
/// (<c>lead</c>, <c>staff</c>; none for anyone of the agency) and one user of it. The input is the JSON array the
/// activity reads, e.g. <c>[{"agency":"miit","role":"lead"}]</c>.
/// </summary>
/// <param name="Agency">The agency's code; empty while the row is being filled in.</param>
/// <param name="Role"><c>lead</c>, <c>staff</c>, or null for anyone of the agency.</param>
/// <param name="User">One user of the agency, or null.</param>
public sealed record ReviewerRow(string Agency, string? Role = null, string? User = null)
{
    /// <summary>
    /// The rows of a <c>reviewers</c> value; empty for blank text; null when the text is not an array of reviewer
    /// objects (a script, a hand-written shape), which the editor then leaves to the JSON box.
    /// </summary>
    public static IReadOnlyList<ReviewerRow>? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonArray items)
        {
            return null;
        }

        var rows = new List<ReviewerRow>();
        foreach (var item in items)
        {
            if (item is not JsonObject reviewer || reviewer.Any(p => p.Key is not ("agency" or "role" or "user"))
                || !TryText(reviewer["agency"], out var agency) || !TryText(reviewer["role"], out var role) || !TryText(reviewer["user"], out var user))
            {
                return null;
            }

            rows.Add(new ReviewerRow(agency ?? "", Blank(role), Blank(user)));
        }

        return rows;
    }

    /// <summary>The JSON array the activity reads; a row's empty role and user are left out.</summary>
    public static string Write(IEnumerable<ReviewerRow> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var item = new JsonObject { ["agency"] = row.Agency };
            if (Blank(row.Role) is { } role)
            {
                item["role"] = role;
            }

            if (Blank(row.User) is { } user)
            {
                item["user"] = user;
            }

            array.Add(item);
        }

        return array.ToJsonString();
    }

    private static bool TryText(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null)
        {
            return true;
        }

        return node is JsonValue value && value.TryGetValue(out text);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
