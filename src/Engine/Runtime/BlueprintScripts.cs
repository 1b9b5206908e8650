using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Whether a blueprint may run JavaScript: the only code a burst runs that may not stop when told to (a script stuck in
/// a native call, a regular expression). Erring on the safe side, any activity whose type names a script and any
/// <c>JavaScript</c> text in an activity's properties or the workflow's variables and inputs counts. Worked out once per blueprint.
/// </summary>
internal static class BlueprintScripts
{
    private static readonly ConditionalWeakTable<WorkflowBlueprint, StrongBox<bool>> Answers = [];

    public static bool MayRunScripts(WorkflowBlueprint blueprint) => Answers.GetValue(blueprint, b => new StrongBox<bool>(Scan(b.Definition))).Value;

    private static bool Scan(WorkflowDefinition definition) =>
        definition.Root.SelfAndDescendants().Any(a => a.Type.Contains("Script", StringComparison.OrdinalIgnoreCase) || MentionsJavaScript(a.Properties))
        || definition.Variables.Any(v => MentionsJavaScript(v.Value))
        || definition.Inputs.Any(MentionsJavaScript);

    private static bool MentionsJavaScript(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => MentionsJavaScript(p.Value)),
        JsonArray a => a.Any(MentionsJavaScript),
        JsonValue v => v.TryGetValue<string>(out var text) && text.Contains(Expression.JavaScript, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
