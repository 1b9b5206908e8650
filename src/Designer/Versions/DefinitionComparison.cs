using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Versions;

/// <summary>
/// Compares two versions of one definition as a planner reads them: activities by id (named by their name, else
/// their id), connections as <c>Start —Done→ 人工任务</c>, inputs as their expressions' text, variables and workflow
/// inputs by name. Only what a planner changed is reported: version ids, numbers and flags are not compared.
/// </summary>
public static class DefinitionComparison
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, in <see cref="ChangeKind"/> order.</summary>
    /// <exception cref="ArgumentException">The two are versions of different definitions.</exception>
    public static VersionComparison Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!string.Equals(before.DefinitionId, after.DefinitionId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{before.DefinitionId}' and '{after.DefinitionId}' are different definitions", nameof(after));
        }

        var changes = new List<VersionChange>();
        if (!SameText(before.Name, after.Name))
        {
            changes.Add(new VersionChange(ChangeKind.NameChanged, after.DefinitionId, before.Name, after.Name));
        }

        if (!SameText(before.Description, after.Description))
        {
            changes.Add(new VersionChange(ChangeKind.DescriptionChanged, after.DefinitionId, before.Description, after.Description));
        }

        CompareActivities(before, after, changes);
        CompareConnections(before, after, changes);
        CompareVariables(before, after, changes);
        CompareWorkflowInputs(before, after, changes);
        return new VersionComparison(before.Version, after.Version, [.. changes.OrderBy(c => c.Kind)]);
    }

    /// <summary>An input's expression as text: a literal's value, <c>js: code</c>, <c>variable: name</c>, <c>input: name</c>, <c>object: json</c>; null when absent.</summary>
    public static string? ExpressionText(JsonNode? input)
    {
        if (Expression.FromInput(input) is not { } expression)
        {
            return null;
        }

        var text = expression.Text ?? "null";
        return expression.Type switch
        {
            Expression.Literal => text,
            Expression.JavaScript => "js: " + text,
            _ => expression.Type.ToLowerInvariant() + ": " + text,
        };
    }

    private static void CompareActivities(WorkflowDefinition before, WorkflowDefinition after, List<VersionChange> changes)
    {
        var old = Activities(before);
        var current = Activities(after);
        foreach (var (_, activity) in current.Where(a => !old.ContainsKey(a.Key)))
        {
            changes.Add(new VersionChange(ChangeKind.ActivityAdded, Label(activity), After: activity.Type));
        }

        foreach (var (_, activity) in old.Where(a => !current.ContainsKey(a.Key)))
        {
            changes.Add(new VersionChange(ChangeKind.ActivityRemoved, Label(activity), Before: activity.Type));
        }

        foreach (var (id, now) in current)
        {
            if (!old.TryGetValue(id, out var was))
            {
                continue;
            }

            var count = changes.Count;
            if (!SameText(was.Name, now.Name))
            {
                changes.Add(new VersionChange(ChangeKind.ActivityRenamed, id, was.Name, now.Name));
            }

            if (!string.Equals(was.Type, now.Type, StringComparison.Ordinal))
            {
                changes.Add(new VersionChange(ChangeKind.ActivityTypeChanged, Label(now), was.Type, now.Type));
            }

            foreach (var name in was.Properties.Select(p => p.Key).Union(now.Properties.Select(p => p.Key), StringComparer.Ordinal))
            {
                if (!JsonNode.DeepEquals(was.Properties[name], now.Properties[name]))
                {
                    changes.Add(new VersionChange(ChangeKind.InputChanged, Label(now), ExpressionText(was.Properties[name]), ExpressionText(now.Properties[name]), name));
                }
            }

            // A move is reported only when it is all that changed: a renamed or edited activity has often moved too.
            var from = Position(was);
            var to = Position(now);
            if (changes.Count == count && !string.Equals(from, to, StringComparison.Ordinal))
            {
                changes.Add(new VersionChange(ChangeKind.ActivityMoved, Label(now), from, to));
            }
        }
    }

    private static void CompareConnections(WorkflowDefinition before, WorkflowDefinition after, List<VersionChange> changes)
    {
        var old = Connections(before);
        var current = Connections(after);
        foreach (var key in current.Keys.Where(k => !old.ContainsKey(k)))
        {
            changes.Add(new VersionChange(ChangeKind.ConnectionAdded, current[key]));
        }

        foreach (var key in old.Keys.Where(k => !current.ContainsKey(k)))
        {
            changes.Add(new VersionChange(ChangeKind.ConnectionRemoved, old[key]));
        }
    }

    private static void CompareVariables(WorkflowDefinition before, WorkflowDefinition after, List<VersionChange> changes)
    {
        var old = before.Variables.DistinctBy(v => v.Name).ToDictionary(v => v.Name, VariableText, StringComparer.Ordinal);
        var current = after.Variables.DistinctBy(v => v.Name).ToDictionary(v => v.Name, VariableText, StringComparer.Ordinal);
        AddNamed(old, current, ChangeKind.VariableAdded, ChangeKind.VariableRemoved, ChangeKind.VariableChanged, changes);
    }

    private static void CompareWorkflowInputs(WorkflowDefinition before, WorkflowDefinition after, List<VersionChange> changes)
    {
        var old = WorkflowInputs(before);
        var current = WorkflowInputs(after);
        foreach (var (name, input) in current.Where(i => !old.ContainsKey(i.Key)))
        {
            changes.Add(new VersionChange(ChangeKind.WorkflowInputAdded, name, After: FieldsText(input, _ => true)));
        }

        foreach (var (name, input) in old.Where(i => !current.ContainsKey(i.Key)))
        {
            changes.Add(new VersionChange(ChangeKind.WorkflowInputRemoved, name, Before: FieldsText(input, _ => true)));
        }

        foreach (var (name, now) in current)
        {
            if (old.TryGetValue(name, out var was) && !JsonNode.DeepEquals(was, now))
            {
                bool Differs(string key) => !JsonNode.DeepEquals(was[key], now[key]);
                changes.Add(new VersionChange(ChangeKind.WorkflowInputChanged, name, FieldsText(was, Differs), FieldsText(now, Differs)));
            }
        }
    }

    private static void AddNamed(
        Dictionary<string, string> old, Dictionary<string, string> current, ChangeKind added, ChangeKind removed, ChangeKind changed, List<VersionChange> changes)
    {
        foreach (var (name, text) in current)
        {
            if (!old.TryGetValue(name, out var was))
            {
                changes.Add(new VersionChange(added, name, After: text));
            }
            else if (!string.Equals(was, text, StringComparison.Ordinal))
            {
                changes.Add(new VersionChange(changed, name, was, text));
            }
        }

        foreach (var (name, text) in old.Where(v => !current.ContainsKey(v.Key)))
        {
            changes.Add(new VersionChange(removed, name, Before: text));
        }
    }

    // The root flowchart is the container, not something a planner edits; duplicate ids (possible in a draft) keep the first.
    private static Dictionary<string, ActivityNode> Activities(WorkflowDefinition definition) =>
        definition.AllActivities().Skip(1).DistinctBy(a => a.Id).ToDictionary(a => a.Id, StringComparer.Ordinal);

    private static Dictionary<(string, string, string, string), string> Connections(WorkflowDefinition definition)
    {
        var labels = definition.AllActivities().DistinctBy(a => a.Id).ToDictionary(a => a.Id, Label, StringComparer.Ordinal);
        string LabelOf(string id) => labels.TryGetValue(id, out var label) ? label : id;
        return definition.AllActivities()
            .SelectMany(a => a.Connections)
            .DistinctBy(c => (c.Source.Activity, c.Source.Port ?? "", c.Target.Activity, c.Target.Port ?? ""))
            .ToDictionary(
                c => (c.Source.Activity, c.Source.Port ?? "", c.Target.Activity, c.Target.Port ?? ""),
                c => string.IsNullOrEmpty(c.Source.Port)
                    ? $"{LabelOf(c.Source.Activity)} → {LabelOf(c.Target.Activity)}"
                    : $"{LabelOf(c.Source.Activity)} —{c.Source.Port}→ {LabelOf(c.Target.Activity)}");
    }

    private static Dictionary<string, JsonObject> WorkflowInputs(WorkflowDefinition definition) =>
        definition.Inputs
            .Select(i => (Name: i["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : i.ToJsonString(), Input: i))
            .DistinctBy(i => i.Name)
            .ToDictionary(i => i.Name, i => i.Input, StringComparer.Ordinal);

    private static string Label(ActivityNode activity) => string.IsNullOrWhiteSpace(activity.Name) ? activity.Id : activity.Name;

    private static string? Position(ActivityNode activity) =>
        activity.Metadata["designer"]?["position"] is JsonObject position
            ? $"({position["x"]?.ToJsonString()}, {position["y"]?.ToJsonString()})"
            : null;

    private static string VariableText(VariableDefinition variable)
    {
        var value = ExpressionText(variable.Value);
        return value is null ? variable.TypeName : $"{variable.TypeName} = {value}";
    }

    private static string FieldsText(JsonObject input, Func<string, bool> include) =>
        string.Join("; ", input
            .Where(p => p.Key != "name" && include(p.Key))
            .Select(p => $"{p.Key}: {(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "null")}"));

    private static bool SameText(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);
}
