using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// <c>AiPlus.FanOut</c>: starts one child instance of <c>workflowDefinitionId</c> per agency in <c>agencies</c> (dispatched to
/// the background worker; the child's input is <c>input</c> plus <c>agency</c>, its correlation id the parent's plus
/// <c>:agency</c>) and waits until the completion condition holds: <c>all</c> children finished, a <c>share</c> of them
/// (<c>share</c>, 0–1), or <c>any</c>. Its result is the roll-up <c>{total, finished, faulted, percent, agencies:{code:status}}</c>,
/// kept current as children end (readable with <c>getOutputFrom</c>, and copied to <c>rollupVariable</c> when named).
/// Faults when too many children faulted for the condition to hold.
/// </summary>
internal sealed class FanOutActivity : IActivity
{
    public const string Type = "AiPlus.FanOut";
    private const string RollupKey = "rollup";

    public ActivityDescriptor Descriptor { get; } = new(
        Type,
        "agencies",
        [
            new("agencies", InputKind.Names, Required: true),
            new("workflowDefinitionId", InputKind.Text, Required: true),
            new("input", InputKind.Json),
            new("completion", InputKind.Choice, Choices: ["all", "share", "any"], DefaultValue: "all"),
            new("share", InputKind.Number, DefaultValue: "1"),
            new("rollupVariable", InputKind.Text),
        ],
        ActivityDescriptor.DoneOnly)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context)
    {
        var agencies = context.EvaluateNames("agencies").Distinct(StringComparer.Ordinal).ToList();
        var definitionId = context.RequireText("workflowDefinitionId");
        var input = context.Evaluate("input") as JsonObject ?? [];
        var correlation = context.CorrelationId ?? context.InstanceId;
        var statuses = new JsonObject();
        foreach (var agency in agencies)
        {
            var childInput = (JsonObject)input.DeepClone();
            childInput["agency"] = agency;
            var childId = context.StartChildWorkflow(definitionId, childInput, PlanTaskCorrelation.ForAgency(correlation, agency), wait: true, inline: false);
            statuses[agency] = new JsonObject { ["instanceId"] = childId, ["status"] = "Running" };
        }

        context.Memory[RollupKey] = statuses;
        var rollup = Publish(context);
        if (agencies.Count == 0)
        {
            context.Complete(result: rollup);
        }
    }

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var statuses = context.Memory[RollupKey]!.AsObject();
        var agency = statuses.FirstOrDefault(s => s.Value?["instanceId"]?.GetValue<string>() == bookmark.Key).Key;
        if (agency is not null)
        {
            statuses[agency]!["status"] = ChildOutcome.Read(payload).Status.ToString();
        }

        var rollup = Publish(context);
        if (Satisfied(context, rollup))
        {
            context.Complete(result: rollup);
            return;
        }

        var total = rollup["total"]!.GetValue<int>();
        var faulted = rollup["faulted"]!.GetValue<int>();
        if (total - faulted < Required(context, total))
        {
            throw new ActivityFaultException($"{faulted} of {total} agencies' workflows faulted; the completion condition can no longer hold");
        }
    }

    /// <summary>Computes the roll-up from the children's statuses and copies it to the roll-up variable, if named.</summary>
    private static JsonObject Publish(ActivityExecutionContext context)
    {
        var rollup = Rollup(context.Memory[RollupKey]!.AsObject());
        if (context.EvaluateText("rollupVariable") is { Length: > 0 } variable)
        {
            context.Scope.SetVariable(variable, rollup.DeepClone());
        }

        return rollup;
    }

    private static bool Satisfied(ActivityExecutionContext context, JsonObject rollup) =>
        rollup["finished"]!.GetValue<int>() >= Required(context, rollup["total"]!.GetValue<int>());

    private static int Required(ActivityExecutionContext context, int total) => (context.EvaluateText("completion") ?? "all") switch
    {
        "any" => Math.Min(1, total),
        "share" => (int)Math.Ceiling(total * Math.Clamp(context.EvaluateNumber("share", 1), 0, 1)),
        _ => total,
    };

    private static JsonObject Rollup(JsonObject statuses)
    {
        var total = statuses.Count;
        var finished = statuses.Count(s => s.Value?["status"]?.GetValue<string>() == "Finished");
        var faulted = statuses.Count(s => s.Value?["status"]?.GetValue<string>() is "Faulted" or "Cancelled");
        return new JsonObject
        {
            ["total"] = total,
            ["finished"] = finished,
            ["faulted"] = faulted,
            ["percent"] = total == 0 ? 100 : Math.Round(100.0 * finished / total, 1, MidpointRounding.AwayFromZero),
            ["agencies"] = new JsonObject(statuses.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)JsonValue.Create(s.Value?["status"]?.GetValue<string>())))),
        };
    }
}
