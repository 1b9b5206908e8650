using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.ParallelForEach</c>: runs <c>body</c> once per item of <c>items</c>, all at once; each run sees the scope
/// variables <c>CurrentValue</c> and <c>CurrentIndex</c>. Completes when every run has completed, at once when there are
/// no items (absent or null <c>items</c> is no items, Elsa's default).
/// </summary>
internal sealed class ParallelForEachActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.ParallelForEach,
        "flow",
        [new("items", InputKind.Json)],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var body = context.Node.Body ?? throw new ActivityFaultException("a ParallelForEach needs a body");
        var items = context.Evaluate("items") switch
        {
            null => [],
            JsonArray array => array,
            JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('[') => (JsonArray)JsonNode.Parse(s)!,
            _ => throw new ActivityFaultException("input 'items' must be an array"),
        };
        if (items.Count == 0)
        {
            context.Complete();
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            context.ScheduleChild(body, new JsonObject { ["CurrentValue"] = items[i]?.DeepClone(), ["CurrentIndex"] = i });
        }
    }

    public void OnChildCompleted(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        if (!context.HasChildWork())
        {
            context.Complete();
        }
    }
}
