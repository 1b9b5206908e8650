using System.Globalization;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// Which version of a workflow definition a definition activity runs: an ordered list of candidates, the first that
/// names an existing version wins. A candidate is <c>Published</c> (the version new instances run), <c>Latest</c> (the
/// newest version, a draft included), a version number, or <c>id:</c> and a version id.
/// <list type="bullet">
/// <item>The activity's <c>versionOptions</c> input (Elsa's <c>VersionOptions</c> text: <c>Published</c>, <c>Latest</c>
/// or a number) is the one candidate when set. Our designer sets it to <c>Published</c>.</item>
/// <item>Without it, Elsa 3's rule (elsa-core <c>WorkflowDefinitionActivity.FindWorkflowGraphAsync</c>): the version
/// <c>workflowDefinitionVersionId</c> names, else the activity's <c>version</c>, else the published version, else the
/// latest. Without a <c>workflowDefinitionVersionId</c> (hand-written JSON, whose <c>version</c> may just be the default
/// 1) the activity's <c>version</c> is not taken as a pin: published, else latest.</item>
/// </list>
/// </summary>
public static class VersionChoice
{
    /// <summary>The activity input that chooses the version.</summary>
    public const string InputName = "versionOptions";

    public const string Published = "Published";

    public const string Latest = "Latest";

    private const string IdPrefix = "id:";

    /// <summary>The candidates for an activity, given the value of its <c>versionOptions</c> input (null or blank when unset).</summary>
    public static IReadOnlyList<string> Candidates(ActivityNode node, string? versionOptions)
    {
        if (!string.IsNullOrWhiteSpace(versionOptions))
        {
            return [Normalize(versionOptions) ?? versionOptions.Trim()];
        }

        return node.Properties["workflowDefinitionVersionId"] is JsonValue value && value.TryGetValue<string>(out var versionId) && versionId.Length > 0
            ? [IdPrefix + versionId, node.Version.ToString(CultureInfo.InvariantCulture), Published, Latest]
            : [Published, Latest];
    }

    /// <summary><c>Published</c>, <c>Latest</c> (any case) or a version number, written as the candidates are; null for anything else.</summary>
    public static string? Normalize(string text)
    {
        text = text.Trim();
        if (text.Equals(Published, StringComparison.OrdinalIgnoreCase))
        {
            return Published;
        }

        if (text.Equals(Latest, StringComparison.OrdinalIgnoreCase))
        {
            return Latest;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The first candidate that names one of <paramref name="versions"/>; null when none does.</summary>
    /// <param name="candidates">As <see cref="Candidates"/> makes them.</param>
    /// <param name="versions">A definition's versions.</param>
    /// <param name="describe">A version's id, number, and whether it is the published and the latest one.</param>
    public static T? Pick<T>(IReadOnlyList<string> candidates, IReadOnlyCollection<T> versions, Func<T, (string Id, int Version, bool IsPublished, bool IsLatest)> describe)
        where T : class
    {
        foreach (var candidate in candidates)
        {
            var match = versions.FirstOrDefault(v => Matches(candidate, describe(v)));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The candidates in words, for messages: <c>version 3 or published version</c>.</summary>
    public static string Describe(IReadOnlyList<string> candidates) => string.Join(" or ", candidates.Select(c => c switch
    {
        Published => "published version",
        Latest => "latest version",
        _ when c.StartsWith(IdPrefix, StringComparison.Ordinal) => $"version id '{c[IdPrefix.Length..]}'",
        _ => $"version {c}",
    }));

    private static bool Matches(string candidate, (string Id, int Version, bool IsPublished, bool IsLatest) version) => candidate switch
    {
        Published => version.IsPublished,
        Latest => version.IsLatest,
        _ when candidate.StartsWith(IdPrefix, StringComparison.Ordinal) => version.Id == candidate[IdPrefix.Length..],
        _ => int.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number == version.Version,
    };
}
