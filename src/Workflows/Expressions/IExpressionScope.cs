using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>What an expression can see and change while one activity runs.</summary>
public interface IExpressionScope
{
    string InstanceId { get; }

    string? CorrelationId { get; set; }

    /// <summary>The burst's time: what <c>new Date()</c> returns in JavaScript.</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// Signalled when the work running this expression must stop (its burst ran past its time limit): a script stops at
    /// its next statement with an <see cref="OperationCanceledException"/>. Default: never.
    /// </summary>
    CancellationToken Stopping => CancellationToken.None;

    /// <summary>The time zone of JavaScript's local dates.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>The workflow's input object.</summary>
    JsonObject WorkflowInput { get; }

    /// <summary>The result of the activity that completed last, if any.</summary>
    JsonNode? LastResult { get; }

    /// <summary>True when a variable of this name is visible (a scope variable or a workflow variable).</summary>
    bool HasVariable(string name);

    JsonNode? GetVariable(string name);

    void SetVariable(string name, JsonNode? value);

    /// <summary>Every visible variable, inner scopes shadowing outer ones.</summary>
    IReadOnlyDictionary<string, JsonNode?> VisibleVariables();

    /// <summary>The last result of an activity, looked up by id or name.</summary>
    JsonNode? GetActivityResult(string activityIdOrName);

    /// <summary>Outcomes a script asked for with <c>setOutcome</c>; null when it asked for none.</summary>
    List<string>? RequestedOutcomes { get; set; }

    /// <summary>The definition version being run: its ids, variables, inputs and activities.</summary>
    WorkflowDefinition Definition { get; }

    /// <summary>The composite activities enclosing the running one (its flowchart, that flowchart's parent…), innermost first.</summary>
    IEnumerable<ActivityNode> EnclosingActivities();

    /// <summary>The outputs the activity has (see <c>IActivity.Outputs</c>: its type's declared outputs, or a workflow-definition activity's); empty for an unknown type.</summary>
    IReadOnlyList<string> OutputNamesOf(ActivityNode activity);

    /// <summary>
    /// The value of one output of an activity: its last result when its type declares the output, else null; null too
    /// when it has not produced one yet.
    /// </summary>
    JsonNode? GetActivityOutput(ActivityNode activity, string outputName);
}
